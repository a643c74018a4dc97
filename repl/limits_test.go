package repl

import (
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
