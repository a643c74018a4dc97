//go:build !linux && !darwin

package netops

// kernel returns the socket's descriptor; this operating system gives no
// TCP state through socklab yet, so State is "" ("unknown" to a person).
func (s *Socket) kernel() kernelInfo {
	return kernelInfo{FD: s.userFD(fdOf(s.sysConn())), Queue: -1, Backlog: -1}
}
