package netops

import (
	"golang.org/x/sys/unix"
)

// darwinStates names the TCP states of XNU's tcp_fsm.h, as
// TCP_CONNECTION_INFO reports them, in the names Linux uses.
var darwinStates = [...]string{"CLOSE", "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED",
	"CLOSE_WAIT", "FIN_WAIT_1", "CLOSING", "LAST_ACK", "FIN_WAIT_2", "TIME_WAIT"}

// tcpInfo asks the kernel (getsockopt TCP_CONNECTION_INFO) for the state
// of the TCP socket fd. macOS does not report a listener's queue or backlog
// this way.
func tcpInfo(fd int, k *kernelInfo) {
	ti, err := unix.GetsockoptTCPConnectionInfo(fd, unix.IPPROTO_TCP, unix.TCP_CONNECTION_INFO)
	if err != nil {
		return
	}
	if int(ti.State) < len(darwinStates) {
		k.State = darwinStates[ti.State]
	}
}
