package netops

import "net"

// osDefaults undoes what Go's net package does to every TCP connection it
// makes (TCP_NODELAY on; for accepted and adopted connections also a 15 s
// keep-alive), so that a socket starts with the system's defaults, as C's
// and Python's do. Each setsockopt is traced, as every call socklab makes.
// keepAlive says Go turned keep-alive on for this connection.
func (s *Socket) osDefaults(keepAlive bool) {
	tc, ok := s.conn.(*net.TCPConn)
	if !ok {
		return
	}
	tr := s.table.trace()
	fd := -1
	withFD(tc, func(f int) { fd = s.userFD(f) })
	err := tc.SetNoDelay(false)
	tr.emit(Call{ID: s.ID, FD: fd, Name: "setsockopt", Args: "TCP_NODELAY, 0", Err: sysErr("setsockopt", err), Proto: s.Proto})
	if !keepAlive {
		return
	}
	err = tc.SetKeepAlive(false)
	tr.emit(Call{ID: s.ID, FD: fd, Name: "setsockopt", Args: "SO_KEEPALIVE, 0", Err: sysErr("setsockopt", err), Proto: s.Proto})
	for _, o := range keepAliveDefaults(tc) {
		tr.emit(Call{ID: s.ID, FD: fd, Name: "setsockopt", Args: o.args, Err: sysErr("setsockopt", o.err), Proto: s.Proto})
	}
}

// restored is one option set back to the system's default.
type restored struct {
	args string // "TCP_KEEPIDLE, 7200"
	err  error
}
