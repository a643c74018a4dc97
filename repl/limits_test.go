package repl

import (
	"io"
	"net"
	"os"
	osexec "os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/internal/testnet"
)

// TestDatagramCutSaysDropped: a datagram longer than MAX is cut, as the
// kernel cuts it, and the shell says how many of its bytes were dropped,
// for recvfrom and for recv on a UDP socket; one that fits says nothing
// more.
func TestDatagramCutSaysDropped(t *testing.T) {
	testnet.NeedUDP(t)
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

// fencedLines returns, for each line of a Markdown text, whether it is
// inside a fenced code block by CommonMark's rules (a fence of three or
// more backticks, closed by a line of at least as many backticks and
// nothing else, indented at most three spaces).
func fencedLines(md string) map[string]bool {
	in := map[string]bool{}
	open := 0
	for _, l := range strings.Split(md, "\n") {
		t := strings.TrimLeft(l, " ")
		indent := len(l) - len(t)
		run := len(t) - len(strings.TrimLeft(t, "`"))
		switch {
		case open == 0 && indent <= 3 && run >= 3:
			open = run
		case open > 0 && indent <= 3 && run >= open && strings.TrimSpace(t[run:]) == "":
			open = 0
		case open > 0:
			in[l] = true
		}
	}
	return in
}

// TestRecordPeerCannotSteer: what a peer sends during interact stays in
// the report's code block, however many backticks it sends, so its heading
// and HTML never become live Markdown.
func TestRecordPeerCannotSteer(t *testing.T) {
	bin, err := osexec.LookPath("socklab") // the test binary as socklab (see TestMain)
	if err != nil {
		t.Skip("socklab not in PATH:", err)
	}
	ln, addr := peerListener(t)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write([]byte("```\n# pwned\n<img src=x onerror=alert(1)>\n``````````\n## also pwned\n"))
		c.Close()
	}()
	report := t.TempDir() + "/report.md"
	cmd := osexec.Command(bin)
	cmd.Stdin = strings.NewReader("record " + report + "\nconnect " + addr + "\ninteract\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	in := fencedLines(string(b))
	for _, l := range []string{"# pwned", "<img src=x onerror=alert(1)>", "``````````", "## also pwned"} {
		if !in[l] {
			t.Errorf("the peer's line %q is live Markdown in the report:\n%s", l, b)
		}
	}
}

// TestRecordWriteErrors: a report that cannot be written is reported when
// the write fails (record /dev/full at once), not only at record off.
func TestRecordWriteErrors(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil || runtime.GOOS == "windows" {
		t.Skip("no /dev/full (a Unix device)")
	}
	s, out := testSession(t, false)
	got, err := exec(t, s, out, "record /dev/full")
	if err == nil || !strings.Contains(got, "no space left on device") {
		t.Errorf("record /dev/full: %v\n%s", err, got)
	}
}

// TestErrorsEscapeTypedText: an error that quotes what was typed (an
// address with ESC and BEL in it) escapes it, so the terminal never acts
// on it; so do invisible code points.
func TestErrorsEscapeTypedText(t *testing.T) {
	s, out := testSession(t, false)
	for _, line := range []string{
		"connect localhost\x07:1",
		"listen 127.0.0.1\x1b[2J\x07:0",
		"connect 127.0.0.1:\u034f1\u3164",
		"nosuch\x1b[31m",
	} {
		got, err := exec(t, s, out, line)
		if err == nil || !strings.HasPrefix(got, "error: ") {
			t.Errorf("%q: %v\n%s", line, err, got)
		}
		if strings.ContainsAny(got, "\x1b\x07\u034f\u3164") {
			t.Errorf("%q: the error holds a raw control or invisible character: %q", line, got)
		}
	}
}

// TestIntegersNeverCut: a number too large for the kernel's C int is
// refused, never cut (linger 4294967296 became linger 0, a close with RST;
// rcvbuf 4294967296 became 2304; a backlog of 4294967296 became 0).
func TestIntegersNeverCut(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "socket tcp")
	for _, line := range []string{
		"option 1 linger 4294967296", "option 1 linger 2147483648s", "option 1 rcvbuf 4294967296",
		"option 1 sndbuf 9223372036854775808", "listen 127.0.0.1:0 --backlog 4294967296",
		"listen 1 4294967296", "connect 127.0.0.1:1 --retry 1ms --tries 4294967297",
	} {
		if got, err := exec(t, s, out, line); err == nil || !strings.Contains(got, "2147483647") {
			t.Errorf("%s: %v\n%s", line, err, got)
		}
	}
	if got := mustExec(t, s, out, "option 1 linger"); !strings.Contains(got, "linger off") {
		t.Errorf("linger after the refused values: %q", got)
	}
}

// TestSubNanosecondTimeout: a positive timeout under 1 ns is a wait that
// ends at once, not "no limit".
func TestSubNanosecondTimeout(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0")
	for _, line := range []string{"accept --timeout 0.5ns", "accept --timeout 0.9ns"} {
		start := time.Now()
		got, err := exec(t, s, out, line)
		if err == nil || !strings.Contains(got, "timed out") || time.Since(start) > 5*time.Second {
			t.Errorf("%s: %v after %v\n%s", line, err, time.Since(start), got)
		}
	}
}

// TestRecvAfterReset: after the peer's RST was reported, a later recv
// (which reads end of stream) says the connection was reset, not that the
// peer sent FIN or that the socket waits in CLOSE_WAIT.
func TestRecvAfterReset(t *testing.T) {
	for _, first := range []string{"recv --timeout 5s", "send x"} {
		s, out := testSession(t, false)
		ln, addr := peerListener(t)
		mustExec(t, s, out, "connect "+addr)
		p := acceptOne(t, ln)
		p.(*net.TCPConn).SetLinger(0)
		p.Close() // RST
		deadline := time.Now().Add(5 * time.Second)
		for s.Current().State() != "CLOSE" && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if got, err := exec(t, s, out, first); err == nil || !strings.Contains(got, "reset") {
			t.Fatalf("%s after RST: %v\n%s", first, err, got)
		}
		got := mustExec(t, s, out, "recv --timeout 5s")
		if !strings.Contains(got, "reset this connection (RST)") || strings.Contains(got, "finished sending") || strings.Contains(got, "CLOSE_WAIT") || strings.Contains(got, "TIME_WAIT") {
			t.Errorf("recv after %s and RST: %q", first, got)
		}
	}
}
