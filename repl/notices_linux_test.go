package repl

import (
	"fmt"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/socklab/socklab/internal/testnet"
	"github.com/socklab/socklab/say"
)

// TestNoticesCostPerConnection: watching a connection for arrival notices
// costs no descriptor and no thread of its own (it cost a duplicate
// descriptor, a wake pipe and a thread blocked in poll(2): 4 descriptors
// and a thread per socket), and the notices still come, and come again
// after a recv.
func TestNoticesCostPerConnection(t *testing.T) {
	s, out := testSession(t, true)
	ln, addr := peerListener(t)
	count := func(dir string) int {
		l, err := os.ReadDir(dir)
		if err != nil {
			t.Skip("no /proc:", err)
		}
		return len(l)
	}
	const n = 50
	mustExec(t, s, out, "connect "+addr) // the poller itself is made once
	acceptOne(t, ln)
	fds, threads := count("/proc/self/fd"), count("/proc/self/task")
	var peers []net.Conn
	for range n {
		mustExec(t, s, out, "connect "+addr)
		peers = append(peers, acceptOne(t, ln))
	}
	dfds, dthreads := count("/proc/self/fd")-fds, count("/proc/self/task")-threads
	if dfds > 2*n+5 || dthreads > 5 {
		t.Errorf("%d connections added %d descriptors and %d threads; want about %d (each connection and its peer) and none", n, dfds, dthreads, 2*n)
	}
	peers[n-1].Write([]byte("hello\n"))
	waitFor(t, out, fmt.Sprintf("[%d] 6 bytes waiting", n+1))
	mustExec(t, s, out, fmt.Sprintf("recv %d", n+1))
	peers[n-1].Write([]byte("again\n"))
	waitFor(t, out, fmt.Sprintf(`[%d] 6 bytes waiting: "again\n"`, n+1))
}

// TestNoticeKeepsSocketError: the socket's error (SO_ERROR) that the
// arrival watcher's look takes from the kernel is said in a notice and
// returned by the next send or receive, as Python's first call after it
// gets it. The watcher took it silently: after the peer's RST, send said
// "broken pipe" and recv "the peer finished sending (FIN)"; after a
// connected UDP socket's ICMP port unreachable, recv waited until its
// timeout instead of failing with "connection refused".
func TestNoticeKeepsSocketError(t *testing.T) {
	s, out := testSession(t, true)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	peer := acceptOne(t, ln)
	peer.(*net.TCPConn).SetLinger(0) // close sends RST
	peer.Close()
	waitFor(t, out, "[1] the kernel reports on this socket: connection reset by peer (the next recv or send returns it)")
	if got, err := exec(t, s, out, "send 1 hi"); err == nil || !strings.Contains(say.Error(err), "connection reset by peer") {
		t.Fatalf("send after the reset: %v\n%s", err, got)
	}
	if got := mustExec(t, s, out, "recv 1"); !strings.Contains(got, "the peer reset this connection (RST)") {
		t.Fatalf("recv after the reset:\n%s", got)
	}
	if strings.Contains(out.everything(), "(FIN)") {
		t.Fatalf("a FIN was told after a reset:\n%s", out.everything())
	}

	testnet.NeedUDP(t)
	closed, err := net.ListenPacket("udp", "127.0.0.1:0") // a port with nothing on it
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	mustExec(t, s, out, "connect udp "+closed.LocalAddr().String()+"; send hi")
	waitFor(t, out, "[2] the kernel reports on this socket: connection refused")
	if got, err := exec(t, s, out, "recv --timeout 5s"); err == nil || !strings.Contains(say.Error(err), "connection refused") {
		t.Fatalf("recv after the ICMP port unreachable: %v\n%s", err, got)
	}
}

// TestNoticePreviewWholeCharacters: the 64-byte preview of an arrival
// notice ends on a whole UTF-8 character; it showed the half it cut as an
// invalid byte ("...ã\xc3"...), as if the peer had sent one.
func TestNoticePreviewWholeCharacters(t *testing.T) {
	s, out := testSession(t, true)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	acceptOne(t, ln).Write([]byte("a" + strings.Repeat("ã", 50)))
	waitFor(t, out, `[1] 101 bytes waiting: "a`+strings.Repeat("ã", 31)+`"... (recv to read)`)
}
