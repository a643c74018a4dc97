package netops

import (
	"errors"
	"net"
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// Poller tells when TCP connections become readable, with no goroutine
// per connection: a caller that waits on many mostly idle connections
// (a script's server) arms one wait per connection and gets a callback.
// It is an epoll instance of its own (Linux), itself waited on through Go's
// network poller, so waiting costs no thread either.
type Poller struct {
	f      *os.File // the epoll descriptor, for Go's poller
	efd    int      // the same, for epoll_ctl (f.Fd would make f blocking)
	mu     sync.Mutex
	fns    map[int32]func() // armed callbacks by descriptor
	closed bool
}

// ErrNoPoller reports that a socket cannot be waited on by a Poller (not a
// TCP connection, or a system without one); the caller waits another way.
var ErrNoPoller = errors.New("no poller for this socket")

// NewPoller starts a poller. Close stops it.
func NewPoller() (*Poller, error) {
	fd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, os.NewSyscallError("epoll_create1", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, os.NewSyscallError("fcntl", err)
	}
	p := &Poller{f: os.NewFile(uintptr(fd), "epoll"), efd: fd, fns: map[int32]func(){}}
	rc, err := p.f.SyscallConn()
	if err != nil {
		p.f.Close()
		return nil, err
	}
	go p.loop(rc)
	return p, nil
}

// Close stops the poller; callbacks armed and not yet called are never
// called.
func (p *Poller) Close() error {
	p.mu.Lock()
	p.closed = true
	clear(p.fns)
	p.mu.Unlock()
	return p.f.Close()
}

// Arm calls fn once, on the poller's goroutine, when s has data to read,
// has reached the end of its stream or has failed (a later receive tells
// which). fn must not block. A socket has at most one armed callback: arming
// again replaces it. Closing s drops its callback without calling it. Arm
// may be called from any goroutine, also for one socket from two at once
// (the poller's lock orders them).
func (p *Poller) Arm(s *Socket, fn func()) error {
	tc, ok := s.conn.(*net.TCPConn)
	if !ok {
		return ErrNoPoller
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return ErrNoPoller
	}
	var aerr error
	err = rc.Control(func(fd uintptr) {
		ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLRDHUP | unix.EPOLLONESHOT, Fd: int32(fd)}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.closed {
			aerr = net.ErrClosed
			return
		}
		op := unix.EPOLL_CTL_MOD
		if s.poller != p { // new to this poller: a registration left by a closed descriptor of the same number must go
			unix.EpollCtl(p.efd, unix.EPOLL_CTL_DEL, int(fd), nil)
			op = unix.EPOLL_CTL_ADD
		}
		if e := unix.EpollCtl(p.efd, op, int(fd), &ev); e != nil {
			aerr = os.NewSyscallError("epoll_ctl", e)
			return
		}
		s.poller = p
		p.fns[int32(fd)] = fn
	})
	if err != nil {
		return err
	}
	return aerr
}

// loop waits for events and calls their callbacks until Close.
func (p *Poller) loop(rc interface {
	Read(func(fd uintptr) bool) error
}) {
	evs := make([]unix.EpollEvent, 128)
	var ready []func()
	for {
		err := rc.Read(func(fd uintptr) bool {
			n, err := unix.EpollWait(int(fd), evs, 0)
			if err == unix.EINTR || n == 0 {
				return false // nothing yet: wait until the epoll descriptor is readable
			}
			p.mu.Lock()
			for _, ev := range evs[:max(n, 0)] {
				if fn := p.fns[ev.Fd]; fn != nil {
					delete(p.fns, ev.Fd)
					ready = append(ready, fn)
				}
			}
			p.mu.Unlock()
			return true
		})
		if err != nil { // closed
			return
		}
		for i, fn := range ready {
			fn()
			ready[i] = nil
		}
		ready = ready[:0]
	}
}
