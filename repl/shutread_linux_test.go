package repl

import (
	"strings"
	"testing"
)

// TestRecvAfterShutdownRead: after shutdown read, recv returns end of
// stream at once and says it is this side's own shutdown (it said "the
// peer finished sending (FIN)", which the peer never sent); bytes the peer
// sends after it are still read, as on Linux with Python's
// sock.shutdown(SHUT_RD) (help said they were discarded).
func TestRecvAfterShutdownRead(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0")
	mustExec(t, s, out, "connect "+s.Current().LocalAddr()+"; accept 1")
	got := mustExec(t, s, out, "shutdown 3 read; recv 3 --timeout 5s")
	if !strings.Contains(got, "[3] end of stream: this socket was shut down for reading (shutdown read)") || strings.Contains(got, "FIN)") {
		t.Fatalf("recv after shutdown read:\n%s", got)
	}
	if got := mustExec(t, s, out, "send 2 hello; recv 3 --timeout 5s"); !strings.Contains(got, `[3] 5 bytes: "hello"`) {
		t.Fatalf("bytes sent after shutdown read:\n%s", got)
	}
	if got := mustExec(t, s, out, "help shutdown"); strings.Contains(got, "discards") {
		t.Fatalf("help shutdown:\n%s", got)
	}
}
