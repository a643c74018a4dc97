package netcat

import (
	"net"
	"os"

	"golang.org/x/sys/unix"
)

// spliceMax is the most one splice(2) call moves, and the pipe size asked
// for stdin so the writer on the other end wakes up less often.
const spliceMax = 1 << 20

// spliceStdin copies stdin to dst with splice(2) when stdin is a pipe, so
// the bytes never enter user space. handled is false when stdin is not a
// pipe or the kernel refuses at once; the caller then copies normally.
func spliceStdin(dst *net.TCPConn, src *os.File) (written int64, handled bool, err error) {
	st, err := src.Stat()
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		return 0, false, nil
	}
	in, err := rawFd(src)
	if err != nil {
		return 0, false, nil
	}
	unix.FcntlInt(uintptr(in), unix.F_SETPIPE_SZ, spliceMax) // a hint: errors are harmless
	rc, err := dst.SyscallConn()
	if err != nil {
		return 0, false, nil
	}
	for {
		var n int64
		var serr error
		stdinEmpty := false
		werr := rc.Write(func(out uintptr) bool {
			for {
				n, serr = unix.Splice(in, nil, int(out), nil, spliceMax, unix.SPLICE_F_NONBLOCK)
				switch {
				case serr == unix.EINTR:
					continue
				case serr != unix.EAGAIN:
					return true
				case !writable(int(out)):
					return false // the socket is full: the poller waits until it drains
				}
				// EAGAIN with room in the socket: stdin is empty, or has
				// just been written to (then try again).
				if avail, _ := unix.IoctlGetInt(in, unix.TIOCINQ); avail == 0 {
					stdinEmpty = true
					return true
				}
			}
		})
		switch {
		case werr != nil:
			return written, true, werr
		case stdinEmpty:
			if err := waitReadable(in); err != nil {
				return written, true, err
			}
		case serr != nil:
			if written == 0 && (serr == unix.EINVAL || serr == unix.ENOSYS) {
				return 0, false, nil
			}
			return written, true, os.NewSyscallError("splice", serr)
		case n == 0:
			return written, true, nil // EOF: the writer closed the pipe
		default:
			written += n
		}
	}
}

// rawFd returns f's descriptor without switching it to blocking mode (as
// f.Fd would).
func rawFd(f *os.File) (int, error) {
	sc, err := f.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := -1
	err = sc.Control(func(u uintptr) { fd = int(u) })
	return fd, err
}

// writable reports whether the socket fd has room to send now.
func writable(fd int) bool {
	p := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
	n, err := unix.Poll(p, 0)
	return err == nil && n > 0
}

// waitReadable blocks until fd has data or its writer is gone.
func waitReadable(fd int) error {
	for {
		_, err := unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}, -1)
		if err != unix.EINTR {
			return err
		}
	}
}

// spliceStdout copies src to stdout with splice(2) through a pipe of its
// own, so the bytes never enter user space. handled is false when the
// kernel cannot splice to stdout (/dev/full, for one, refuses with EINVAL):
// what the pipe already held has then been written with write(2), and the
// caller copies the rest normally, so that stdout's own error, if any, is
// the one said and no byte is lost. err is src's error or stdout's (an
// *os.PathError "write").
func spliceStdout(dst *os.File, src *net.TCPConn) (handled bool, err error) {
	rc, err := src.SyscallConn()
	if err != nil {
		return false, nil
	}
	wc, err := dst.SyscallConn()
	if err != nil {
		return false, nil
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return false, nil
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	unix.FcntlInt(uintptr(p[1]), unix.F_SETPIPE_SZ, spliceMax) // a hint: errors are harmless
	for {
		var n int64
		var serr error
		rerr := rc.Read(func(fd uintptr) bool { // the pipe is empty here: EAGAIN is the socket's
			for {
				n, serr = unix.Splice(int(fd), nil, p[1], nil, spliceMax, unix.SPLICE_F_NONBLOCK|unix.SPLICE_F_MOVE)
				if serr != unix.EINTR {
					return serr != unix.EAGAIN
				}
			}
		})
		switch {
		case rerr != nil:
			return true, rerr
		case serr != nil && n <= 0:
			if serr == unix.EINVAL || serr == unix.ENOSYS {
				return false, nil // the socket cannot splice: nothing was taken from it
			}
			return true, os.NewSyscallError("splice", serr)
		case n == 0:
			return true, nil // EOF: the peer closed
		}
		for n > 0 {
			var m int64
			var oerr error
			werr := wc.Write(func(fd uintptr) bool {
				for {
					m, oerr = unix.Splice(p[0], nil, int(fd), nil, int(n), unix.SPLICE_F_MOVE)
					if oerr != unix.EINTR {
						return oerr != unix.EAGAIN
					}
				}
			})
			switch {
			case werr == nil && oerr == nil:
				n -= m
			case werr == nil && !cannotSplice(oerr):
				return true, &os.PathError{Op: "write", Path: dst.Name(), Err: oerr}
			default: // stdout cannot splice: write what the pipe holds, then copy
				if err := pipeToFile(dst, p[0], int(n)); err != nil {
					return true, err
				}
				return false, nil
			}
		}
	}
}

// cannotSplice reports an errno of splice(2) that means "this descriptor
// does not splice", not a failure of the write itself.
func cannotSplice(errno error) bool {
	return errno == unix.EINVAL || errno == unix.ENOSYS || errno == unix.EOPNOTSUPP
}

// pipeToFile reads the n bytes waiting in the pipe pr and writes them to f.
func pipeToFile(f *os.File, pr, n int) error {
	buf := make([]byte, n)
	for got := 0; got < n; {
		k, err := unix.Read(pr, buf[got:])
		if err == unix.EINTR {
			continue
		}
		if err != nil || k == 0 {
			return os.NewSyscallError("read", err)
		}
		got += k
	}
	_, err := f.Write(buf)
	return err
}
