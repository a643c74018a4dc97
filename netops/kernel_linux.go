package netops

import (
	"golang.org/x/sys/unix"
)

// tcpStates names the kernel's TCP states (include/net/tcp_states.h), as
// TCP_INFO and /proc/net/tcp number them.
var tcpStates = [...]string{1: "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT_1", "FIN_WAIT_2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"}

// tcpInfo asks the kernel (getsockopt TCP_INFO) for the state of the TCP
// socket fd and, for a listener, its accept queue and backlog.
func tcpInfo(fd int, k *kernelInfo) {
	ti, err := unix.GetsockoptTCPInfo(fd, unix.IPPROTO_TCP, unix.TCP_INFO)
	if err != nil {
		return
	}
	if int(ti.State) < len(tcpStates) {
		k.State = tcpStates[ti.State]
	}
	if k.State == "LISTEN" {
		k.Queue, k.Backlog = int(ti.Unacked), int(ti.Sacked)
	}
}
