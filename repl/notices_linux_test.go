package repl

import (
	"fmt"
	"net"
	"os"
	"testing"
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
