package netops

import (
	"fmt"
	"strings"
	"syscall"
)

// controlTrace returns a net.Dialer/ListenConfig Control function that
// reports the socket call to tr and records the descriptor in fd. The
// caller reports the call that follows (bind, connect) with its real
// result once Go has made it: Control runs before it.
func controlTrace(tr *Trace, fd *int) func(network, address string, c syscall.RawConn) error {
	if tr == nil {
		return nil
	}
	return func(network, address string, c syscall.RawConn) error {
		c.Control(func(u uintptr) { *fd = int(u) })
		family, typ := "AF_INET", "SOCK_STREAM"
		if strings.HasSuffix(network, "6") {
			family = "AF_INET6"
		}
		if strings.HasPrefix(network, "udp") {
			typ = "SOCK_DGRAM"
		}
		tr.emit(Call{FD: *fd, Name: "socket", Args: family + ", " + typ, Result: fmt.Sprintf("fd %d", *fd)})
		return nil
	}
}

// bindCall is the trace of the bind that net.ListenConfig made on fd.
func bindCall(fd int, addr string, err error) Call {
	c := Call{FD: fd, Name: "bind", Args: fmt.Sprintf("fd %d, %s", fd, addr)}
	if err != nil {
		c.Err = sysErr("bind", err)
	}
	return c
}
