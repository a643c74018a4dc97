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
