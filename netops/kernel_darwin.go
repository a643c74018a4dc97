package netops

import (
	"golang.org/x/sys/unix"
)

// darwinStates names the TCP states of XNU's tcp_fsm.h, as
// TCP_CONNECTION_INFO reports them, in the names Linux uses.
var darwinStates = [...]string{"CLOSE", "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED",
	"CLOSE_WAIT", "FIN_WAIT_1", "CLOSING", "LAST_ACK", "FIN_WAIT_2", "TIME_WAIT"}

// kernel asks the kernel (getsockopt TCP_CONNECTION_INFO) for the socket's
// state. macOS does not report a listener's queue or backlog this way.
func (s *Socket) kernel() kernelInfo {
	k := kernelInfo{FD: -1, Queue: -1, Backlog: -1}
	c := s.sysConn()
	if c == nil {
		return k
	}
	rc, err := c.SyscallConn()
	if err != nil {
		return k
	}
	rc.Control(func(u uintptr) {
		k.FD = int(u)
		if s.pc != nil || isUDP(s.Proto) {
			return
		}
		ti, err := unix.GetsockoptTCPConnectionInfo(k.FD, unix.IPPROTO_TCP, unix.TCP_CONNECTION_INFO)
		if err != nil {
			return
		}
		if int(ti.State) < len(darwinStates) {
			k.State = darwinStates[ti.State]
		}
	})
	k.FD = s.userFD(k.FD)
	return k
}
