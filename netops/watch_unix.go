//go:build unix

package netops

import (
	"golang.org/x/sys/unix"
)

// Watch reports, by calling notify from its own goroutine, each time data,
// a client or the peer's end of stream waits on s without being taken. It
// takes nothing itself: the data stays for the next receive. After a report
// it waits until a receive or accept takes something before it looks again.
// It returns when s is closed. On systems without poll(2) it returns at once.
func (s *Socket) Watch(notify func(Arrival)) {
	fd := dupFD(s)
	if fd < 0 {
		return
	}
	defer unix.Close(fd)
	wake, stop, err := pipe()
	if err != nil {
		return
	}
	defer unix.Close(wake)
	go func() {
		<-s.done
		unix.Close(stop)
	}()
	for {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}, {Fd: int32(wake), Events: unix.POLLIN}}
		if _, err := unix.Poll(fds, -1); err != nil && err != unix.EINTR {
			return
		}
		if fds[1].Revents != 0 || s.Closed() {
			return
		}
		if fds[0].Revents == 0 {
			continue
		}
		notify(s.peek(fd))
		select {
		case <-s.read:
		case <-s.done:
			return
		}
	}
}

// peek looks at what waits on fd without taking it.
func (s *Socket) peek(fd int) Arrival {
	return s.arrival(func(b []byte) (int, error, error) {
		n, _, err := unix.Recvfrom(fd, b, unix.MSG_PEEK|unix.MSG_DONTWAIT)
		if err != nil && err != unix.EAGAIN && err != unix.EINTR && err != unix.EBADF {
			return 0, err, nil // the socket's own error, which the peek took (a MSG_PEEK read clears it too)
		}
		return n, nil, err
	})
}

// dupFD returns a duplicate of s's descriptor, or -1.
func dupFD(s *Socket) int {
	fd := -1
	withFD(s.sysConn(), func(u int) {
		if d, err := unix.Dup(u); err == nil {
			fd = d
		}
	})
	return fd
}

// pipe returns a pipe's read and write ends, close-on-exec.
func pipe() (r, w int, err error) {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		return -1, -1, err
	}
	unix.CloseOnExec(p[0])
	unix.CloseOnExec(p[1])
	return p[0], p[1], nil
}
