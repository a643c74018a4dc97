package netops

import (
	"context"
	"fmt"
	"net"
	"syscall"
	"time"
)

// streamListener is a listening stream socket: TCP, or a UNIX domain one.
type streamListener interface {
	net.Listener
	SetDeadline(t time.Time) error
	SyscallConn() (syscall.RawConn, error)
}

// MaxUnixPath is the longest path a UNIX domain socket may have here, in
// bytes: sun_path's size less its final NUL (108 on Linux and Windows, 104
// on macOS and the BSDs; see unixpath_*.go).
const MaxUnixPath = maxUnixPath

// CheckUnixPath refuses an empty path, and one longer than MaxUnixPath
// (the system says only "invalid argument").
func CheckUnixPath(path string) error {
	switch {
	case path == "":
		return &InputError{What: "path"}
	case len(path) > MaxUnixPath:
		return &InputError{What: "path", Value: path, Want: "unixpath"}
	}
	return nil
}

// ListenUnix opens a UNIX domain stream socket listening at path (a file
// it creates, and removes when the socket is closed). Its Proto is "unix".
func (t *Table) ListenUnix(ctx context.Context, path string, o ListenOptions) (*Socket, error) {
	if err := CheckUnixPath(path); err != nil {
		return nil, &OpError{Op: "listen", Net: "unix", Addr: path, Err: err}
	}
	tr, fd := t.trace(), -1
	lc := net.ListenConfig{Control: func(network, address string, c syscall.RawConn) error {
		unixSocketCall(tr, c, &fd)
		return plainUnixListener(network, address, c) // no hidden SO_REUSEADDR
	}}
	ln, err := lc.Listen(ctx, "unix", path)
	if fd >= 0 {
		b := bindCall(fd, path, err) // bind and listen come as one call here
		b.Proto = "unix"
		tr.emit(b)
	}
	if err != nil {
		return nil, &OpError{Op: "listen", Net: "unix", Addr: path, Err: err}
	}
	tr.emit(Call{FD: fd, Name: "listen", Args: fmt.Sprintf("fd %d, SOMAXCONN", fd), Proto: "unix"})
	s := newSocket("unix", KindListener, o.Owner)
	s.ln = ln.(*net.UnixListener)
	return t.add(s), nil
}

// unixSocketCall reports to tr the socket call Go made, c, and records
// its descriptor in fd.
func unixSocketCall(tr *Trace, c syscall.RawConn, fd *int) {
	if tr == nil {
		return
	}
	c.Control(func(u uintptr) { *fd = int(u) })
	tr.emit(Call{FD: *fd, Name: "socket", Args: "AF_UNIX, SOCK_STREAM", Result: fmt.Sprintf("fd %d", *fd), Proto: "unix"})
}

// ConnectUnix connects to the UNIX domain stream socket at path.
func (t *Table) ConnectUnix(ctx context.Context, path string, o DialOptions) (*Socket, error) {
	if err := CheckUnixPath(path); err != nil {
		return nil, &OpError{Op: "connect", Net: "unix", Addr: path, Err: err}
	}
	tr, fd := t.trace(), -1
	d := net.Dialer{Timeout: o.Timeout, Control: func(_, _ string, c syscall.RawConn) error {
		unixSocketCall(tr, c, &fd)
		return nil
	}}
	c, err := d.DialContext(ctx, "unix", path)
	if fd >= 0 {
		tr.emit(Call{FD: fd, Name: "connect", Args: fmt.Sprintf("fd %d, %s", fd, path), Err: sysErr("connect", err), Proto: "unix"})
	}
	if err != nil {
		return nil, &OpError{Op: "connect", Net: "unix", Addr: path, Err: err}
	}
	s := newSocket("unix", KindConn, o.Owner)
	s.conn = c
	return t.add(s), nil
}
