package netops

import (
	"fmt"
	"strings"
	"syscall"
)

func backlogText(n int) string {
	if n <= 0 {
		return "default (SOMAXCONN)"
	}
	return fmt.Sprint(n)
}

// controlTrace returns a net.Dialer/ListenConfig Control function that reports
// the socket call (and then the bind or connect, named next) to tr.
func controlTrace(tr *Trace, next, addr string) func(network, address string, c syscall.RawConn) error {
	if tr == nil {
		return nil
	}
	return func(network, address string, c syscall.RawConn) error {
		fd := -1
		c.Control(func(u uintptr) { fd = int(u) })
		family, typ := "AF_INET", "SOCK_STREAM"
		if strings.HasSuffix(network, "6") {
			family = "AF_INET6"
		}
		if strings.HasPrefix(network, "udp") {
			typ = "SOCK_DGRAM"
		}
		tr.emit(Call{FD: fd, Name: "socket", Args: family + ", " + typ, Result: fmt.Sprintf("fd %d", fd)})
		if next == "bind" {
			if !strings.HasPrefix(network, "udp") {
				tr.emit(Call{FD: fd, Name: "setsockopt", Args: "SO_REUSEADDR, 1"})
			}
			tr.emit(Call{FD: fd, Name: "bind", Args: fmt.Sprintf("fd %d, %s", fd, address)})
		}
		return nil
	}
}
