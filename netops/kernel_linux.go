package netops

import (
	"golang.org/x/sys/unix"
)

// tcpStates names the kernel's TCP states (include/net/tcp_states.h), as
// TCP_INFO and /proc/net/tcp number them.
var tcpStates = [...]string{1: "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT_1", "FIN_WAIT_2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"}

// kernel asks the kernel (getsockopt TCP_INFO) for the socket's state and,
// for a listener, its accept queue and backlog.
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
		ti, err := unix.GetsockoptTCPInfo(k.FD, unix.IPPROTO_TCP, unix.TCP_INFO)
		if err != nil {
			return
		}
		if int(ti.State) < len(tcpStates) {
			k.State = tcpStates[ti.State]
		}
		if k.State == "LISTEN" {
			k.Queue, k.Backlog = int(ti.Unacked), int(ti.Sacked)
		}
	})
	k.FD = s.userFD(k.FD)
	return k
}
