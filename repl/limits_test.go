package repl

import (
	"io"
	"strings"
	"testing"
)

// TestDatagramCutSaysDropped: a datagram longer than MAX is cut, as the
// kernel cuts it, and the shell says how many of its bytes were dropped,
// for recvfrom and for recv on a UDP socket; one that fits says nothing
// more.
func TestDatagramCutSaysDropped(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen udp 127.0.0.1:0")
	mustExec(t, s, out, "connect udp "+s.Current().LocalAddr()) // [2]
	mustExec(t, s, out, "send 2 "+strings.Repeat("x", 100))
	got := mustExec(t, s, out, "recvfrom 1 10 --timeout 5s")
	if !strings.Contains(got, `10 bytes from 127.0.0.1:`) || !strings.Contains(got, "[1] 90 bytes of this 100-byte datagram did not fit in MAX 10 and were dropped") {
		t.Errorf("recvfrom 10 of 100:\n%s", got)
	}
	mustExec(t, s, out, "send 1 0123456789")
	got = mustExec(t, s, out, "recv 2 4 --timeout 5s")
	if !strings.Contains(got, `[2] 4 bytes: "0123"`) || !strings.Contains(got, "[2] 6 bytes of this 10-byte datagram did not fit in MAX 4 and were dropped") {
		t.Errorf("recv 4 of 10 on connected UDP:\n%s", got)
	}
	mustExec(t, s, out, "send 2 fits")
	if got := mustExec(t, s, out, "recvfrom 1 --timeout 5s"); strings.Contains(got, "dropped") {
		t.Errorf("a datagram that fits: %s", got)
	}
}

// TestIDRuleClosedSocket: ids are never reused, so a number that was an
// id stays that id: after close 1, "send 1 ..." fails with "[1] is closed"
// instead of sending the text to the current socket, and so do recv, use
// and close; data that is a number is quoted.
func TestIDRuleClosedSocket(t *testing.T) {
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr) // [1]
	acceptOne(t, ln)
	mustExec(t, s, out, "connect "+addr) // [2], current
	p2 := acceptOne(t, ln)
	mustExec(t, s, out, "close 1")
	for _, line := range []string{`send 1 "password=hunter2"`, "sendline 1 x", "recv 1", "recv 1 --timeout 1ms", "use 1", "close 1", "shutdown 1"} {
		got, err := exec(t, s, out, line)
		if err == nil || !strings.HasPrefix(got, "error: [1] is closed\n") {
			t.Errorf("%s after close 1: %v\n%s", line, err, got)
		}
	}
	got, err := exec(t, s, out, "send 2")
	if err == nil || !strings.Contains(got, `quote it: send "2"`) {
		t.Errorf("send 2 (an id, no text): %v\n%s", err, got)
	}
	mustExec(t, s, out, `send "1"`)
	mustExec(t, s, out, `send 2 "42"`)
	b := make([]byte, 16)
	n, _ := io.ReadAtLeast(p2, b, 3)
	if string(b[:n]) != "142" {
		t.Errorf("[2]'s peer got %q, want only the quoted numbers, \"142\"", b[:n])
	}
	if got, err := exec(t, s, out, "send 9 x"); err != nil || !strings.Contains(got, "sent 3 bytes") {
		t.Errorf("send 9 x (9 was never an id: text): %v\n%s", err, got)
	}
}
