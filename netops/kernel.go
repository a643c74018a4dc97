package netops

import (
	"net"
	"syscall"
)

// kernelInfo is what the kernel says of a socket.
type kernelInfo struct {
	State   string // TCP state name ("LISTEN", "ESTABLISHED", ...), "" when unknown
	FD      int    // descriptor, -1 when unknown
	Queue   int    // listener: completed connections not yet accepted, -1 unknown
	Backlog int    // listener: its backlog, -1 unknown
}

// sysConn returns the socket's underlying syscall.Conn, or nil.
func (s *Socket) sysConn() syscall.Conn {
	switch {
	case s.ln != nil:
		return s.ln
	case s.conn != nil:
		if tc, ok := s.conn.(*TLSConn); ok {
			return tc.NetConn().(syscall.Conn)
		}
		if sc, ok := s.conn.(syscall.Conn); ok {
			return sc
		}
	case s.pc != nil:
		return s.pc
	case s.keep != nil:
		return s.keep
	}
	return nil
}

// userFD returns the descriptor a person was shown for s: the one kept from
// socket(2) when there is one (see [Socket.keep]), else Go's own.
func (s *Socket) userFD(goFD int) int {
	if s.keep != nil {
		if fd := fdOf(s.keep); fd >= 0 {
			return fd
		}
	}
	return goFD
}

// kernel asks the kernel for the socket's descriptor and, for TCP, its
// state (and a listener's queue and backlog where the OS reports them).
func (s *Socket) kernel() kernelInfo {
	k := kernelInfo{FD: -1, Queue: -1, Backlog: -1}
	withFD(s.sysConn(), func(fd int) {
		k.FD = fd
		if s.pc == nil && !isUDP(s.Proto) && s.Proto != "unix" {
			tcpInfo(fd, &k)
		}
	})
	k.FD = s.userFD(k.FD)
	return k
}

// withFD runs fn on the descriptor behind c (which may be nil); it fails,
// without calling fn, when there is none: c is nil or closed.
func withFD(c syscall.Conn, fn func(fd int)) error {
	if c == nil {
		return net.ErrClosed
	}
	rc, err := c.SyscallConn()
	if err != nil {
		return err
	}
	return rc.Control(func(u uintptr) { fn(int(u)) })
}

// fdOf returns the descriptor behind c, or -1.
func fdOf(c syscall.Conn) int {
	fd := -1
	if withFD(c, func(d int) { fd = d }) != nil {
		return -1
	}
	return fd
}

// State returns the kernel's TCP state name for the socket, or "" when the
// operating system cannot tell (UDP sockets have none).
func (s *Socket) State() string { return s.kernel().State }

// WasReset reports whether an operation on the socket failed because the
// peer reset the connection (ECONNRESET): the end of stream a later receive
// reads then comes from the reset, not from the peer's FIN.
func (s *Socket) WasReset() bool { return s.current().reset.Load() }
