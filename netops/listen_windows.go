package netops

import (
	"context"
	"fmt"
	"net"
	"os"

	"golang.org/x/sys/windows"
)

// listenTCP opens a TCP listener on addr, reporting its calls to tr. With
// no backlog it is Go's own listener (bind and listen(SOMAXCONN) in one);
// with one it makes the calls itself, socket, bind and listen(backlog),
// and hands the socket to Go (see [ErrNoHandOver]). Unlike on Unix no
// SO_REUSEADDR is set: on Windows it would let the port be taken from a
// live socket (Go's net package does not set it either).
func listenTCP(ctx context.Context, proto, addr string, backlog int, tr *Trace) (*net.TCPListener, *os.File, error) {
	if backlog <= 0 {
		fd := -1
		lc := net.ListenConfig{Control: controlTrace(tr, &fd)}
		ln, err := lc.Listen(ctx, proto, addr)
		if fd >= 0 {
			tr.emit(bindCall(fd, addr, err)) // bind and listen come as one call here
		}
		if err != nil {
			return nil, nil, err
		}
		tr.emit(Call{FD: fd, Name: "listen", Args: fmt.Sprintf("fd %d, SOMAXCONN", fd), State: "LISTEN"})
		return ln.(*net.TCPListener), nil, nil
	}
	host, _, _ := net.SplitHostPort(addr)
	fam := winFamily(proto, host)
	sa, err := winResolve(ctx, fam, addr)
	if err != nil {
		return nil, nil, err
	}
	f, err := openWinSocket(fam, windows.SOCK_STREAM, windows.IPPROTO_TCP)
	if err != nil {
		tr.emit(Call{FD: -1, Name: "socket", Args: winSocketArgs(fam, windows.SOCK_STREAM), Err: err})
		return nil, nil, err
	}
	rc, _ := f.SyscallConn()
	rc.Control(func(u uintptr) {
		fd, h := int(u), windows.Handle(u)
		tr.emit(Call{FD: fd, Name: "socket", Args: winSocketArgs(fam, windows.SOCK_STREAM), Result: fmt.Sprintf("fd %d", fd)})
		berr := windows.Bind(h, sa)
		tr.emit(bindCall(fd, winSockaddrString(sa), berr))
		if err = sysErr("bind", berr); err != nil {
			return
		}
		err = sysErr("listen", windows.Listen(h, backlog))
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
		return nil, nil, handOver(err)
	}
	return ln.(*net.TCPListener), f, nil
}
