package netops

import (
	"context"
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
	lc := net.ListenConfig{Control: plainUnixListener} // no hidden SO_REUSEADDR
	ln, err := lc.Listen(ctx, "unix", path)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: "unix", Addr: path, Err: err}
	}
	s := newSocket("unix", KindListener, o.Owner)
	s.ln = ln.(*net.UnixListener)
	return t.add(s), nil
}

// ConnectUnix connects to the UNIX domain stream socket at path.
func (t *Table) ConnectUnix(ctx context.Context, path string, o DialOptions) (*Socket, error) {
	if err := CheckUnixPath(path); err != nil {
		return nil, &OpError{Op: "connect", Net: "unix", Addr: path, Err: err}
	}
	d := net.Dialer{Timeout: o.Timeout}
	c, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return nil, &OpError{Op: "connect", Net: "unix", Addr: path, Err: err}
	}
	s := newSocket("unix", KindConn, o.Owner)
	s.conn = c
	return t.add(s), nil
}
