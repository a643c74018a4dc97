//go:build unix

package netops

import (
	"context"
	"fmt"
	"net"
	"os"

	"golang.org/x/sys/unix"
)

// listenTCP opens a TCP listener on addr with the real calls, each
// reported to tr: socket, setsockopt(SO_REUSEADDR, 1), bind and
// listen(backlog) (0: the system's default). It returns the listener and
// the descriptor socket(2) gave, which the caller keeps open with it (see
// [Socket.keep]). "tcp" with no host or an IPv4 host is an IPv4 socket, as
// nc and Python make it; an IPv6 host or "tcp6" makes an IPv6 one.
func listenTCP(ctx context.Context, proto, addr string, backlog int, tr *Trace) (*net.TCPListener, *os.File, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	host, _, _ := net.SplitHostPort(addr)
	fam := family(proto, host)
	sa, err := sockaddr(ctx, fam, addr)
	if err != nil {
		return nil, nil, err
	}
	f, err := openSocket(fam, unix.SOCK_STREAM)
	if err != nil {
		tr.emit(Call{FD: -1, Name: "socket", Args: socketArgs(fam, unix.SOCK_STREAM), Err: err})
		return nil, nil, err
	}
	if backlog <= 0 {
		backlog = defaultBacklog()
	}
	rc, _ := f.SyscallConn()
	rc.Control(func(u uintptr) {
		fd := int(u)
		tr.emit(Call{FD: fd, Name: "socket", Args: socketArgs(fam, unix.SOCK_STREAM), Result: fmt.Sprintf("fd %d", fd)})
		err = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
		tr.emit(Call{FD: fd, Name: "setsockopt", Args: "SO_REUSEADDR, 1", Err: sysErr("setsockopt", err)})
		if err != nil {
			return
		}
		berr := unix.Bind(fd, sa)
		tr.emit(bindCall(fd, sockaddrString(sa), berr))
		if err = sysErr("bind", berr); err != nil {
			return
		}
		err = sysErr("listen", unix.Listen(fd, backlog))
		st := ""
		if err == nil {
			st = "LISTEN"
		}
		tr.emit(Call{FD: fd, Name: "listen", Args: fmt.Sprintf("fd %d, backlog %d", fd, backlog), Err: err, State: st})
	})
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	ln, err := net.FileListener(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return ln.(*net.TCPListener), f, nil
}
