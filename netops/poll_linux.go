package netops

import (
	"errors"
	"net"
	"os"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Poller tells when TCP connections become readable, with no goroutine
// per connection: a caller that waits on many mostly idle connections
// (a script's server) arms one wait per connection and gets a callback.
// It is an epoll instance of its own (Linux), itself waited on through Go's
// network poller, so waiting costs no thread either.
//
// The callbacks run on the goroutine that calls [Poller.Poll]: a poller
// from [NewPoller] has a goroutine of its own for that; one from
// [NewLoopPoller] leaves it to its owner's event loop, which then hears of
// a readable connection with no hand-off between goroutines.
type Poller struct {
	f      *os.File // the epoll descriptor, for Go's poller
	rc     syscall.RawConn
	efd    int // the same, for epoll_ctl (f.Fd would make f blocking)
	wfd    int // an eventfd in the epoll set: Wake
	mu     sync.Mutex
	fns    map[int32]armed // armed callbacks by descriptor
	late   []func()        // callbacks of sockets closed while armed (Socket.Close)
	closed bool

	// Poll's own (one caller at a time)
	evs   []unix.EpollEvent
	ready []func()
	wait  func(fd uintptr) bool // bound once: collect for rc.Read
}

// armed is a socket's registration: its callback, and whether it stays
// after an event (Watch) or goes (Arm).
type armed struct {
	s    *Socket
	fn   func()
	keep bool
}

// ErrNoPoller reports that a socket cannot be waited on by a Poller (not a
// TCP connection, or a system without one); the caller waits another way.
var ErrNoPoller = errors.New("no poller for this socket")

// NewPoller starts a poller whose callbacks run on a goroutine of its own.
// Close stops it.
func NewPoller() (*Poller, error) {
	p, err := NewLoopPoller()
	if err != nil {
		return nil, err
	}
	go func() {
		for p.Poll(true) == nil {
		}
	}()
	return p, nil
}

// NewLoopPoller makes a poller whose callbacks run when its owner calls
// Poll. Close releases it.
func NewLoopPoller() (*Poller, error) {
	fd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, os.NewSyscallError("epoll_create1", err)
	}
	wfd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		unix.Close(fd)
		return nil, os.NewSyscallError("eventfd", err)
	}
	ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(wfd)}
	if err := unix.EpollCtl(fd, unix.EPOLL_CTL_ADD, wfd, &ev); err != nil {
		unix.Close(fd)
		unix.Close(wfd)
		return nil, os.NewSyscallError("epoll_ctl", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		unix.Close(wfd)
		return nil, os.NewSyscallError("fcntl", err)
	}
	p := &Poller{f: os.NewFile(uintptr(fd), "epoll"), efd: fd, wfd: wfd, fns: map[int32]armed{},
		evs: make([]unix.EpollEvent, 128)}
	if p.rc, err = p.f.SyscallConn(); err != nil {
		p.f.Close()
		unix.Close(wfd)
		return nil, err
	}
	p.wait = func(uintptr) bool { return p.collect() }
	return p, nil
}

// Close stops the poller; callbacks armed and not yet called are never
// called, and a Poll waiting returns.
func (p *Poller) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	clear(p.fns)
	p.mu.Unlock()
	err := p.f.Close()
	unix.Close(p.wfd)
	return err
}

// Arm calls fn once, on the goroutine that polls, when s has data to read,
// has reached the end of its stream or has failed (a later receive tells
// which). fn must not block. A socket has at most one armed callback: arming
// again replaces it. Closing s calls its callback (the kernel forgets the
// registration without a word, and a receive that waits must hear of the
// close); arming a closed socket fails. Arm may be called from any
// goroutine, also for one socket from two at once (the poller's lock
// orders them).
func (p *Poller) Arm(s *Socket, fn func()) error {
	return p.register(s, fn, unix.EPOLLONESHOT, false)
}

// Watch calls fn, on the goroutine that polls, each time something
// arrives on s (data, the end of the stream, an error), until s is closed
// (which calls it once more): edge-triggered, registered once, so that a
// caller that keeps track of what it has read (see [Socket.Reads]) waits
// for the next arrival with no system call. A socket is armed or watched,
// not both.
func (p *Poller) Watch(s *Socket, fn func()) error {
	return p.register(s, fn, unix.EPOLLET, true)
}

// register is Arm (keep false) and Watch (keep true).
func (p *Poller) register(s *Socket, fn func(), mode uint32, keep bool) error {
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
		ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLRDHUP | mode, Fd: int32(fd)}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.closed || s.Closed() {
			aerr = net.ErrClosed
			return
		}
		op := unix.EPOLL_CTL_MOD
		if s.poller.Load() != p { // new to this poller: a registration left by a closed descriptor of the same number must go
			unix.EpollCtl(p.efd, unix.EPOLL_CTL_DEL, int(fd), nil)
			op = unix.EPOLL_CTL_ADD
		}
		if e := unix.EpollCtl(p.efd, op, int(fd), &ev); e != nil {
			aerr = os.NewSyscallError("epoll_ctl", e)
			return
		}
		s.poller.Store(p)
		s.pollFD = int32(fd)
		p.fns[int32(fd)] = armed{s, fn, keep}
	})
	if err != nil {
		return err
	}
	return aerr
}

// Wake makes a Poll that waits return (or the next one return at once),
// from any goroutine.
func (p *Poller) Wake() {
	one := [8]byte{1} // the eventfd counter is a host-endian uint64; any non-zero value wakes
	p.mu.Lock()
	if !p.closed { // (after Close the number may be another file's)
		unix.Write(p.wfd, one[:])
	}
	p.mu.Unlock()
}

// Poll runs the callbacks of the sockets that became readable. With wait,
// it first waits, without holding a thread, until one did or Wake was
// called. It returns an error once the poller is closed. Poll must not be
// called from two goroutines at once.
func (p *Poller) Poll(wait bool) error {
	if wait {
		if err := p.rc.Read(p.wait); err != nil {
			return err
		}
	} else if p.isClosed() { // (the descriptor's number may be another file's by now)
		return net.ErrClosed
	} else {
		p.collect()
	}
	for i, fn := range p.ready {
		fn()
		p.ready[i] = nil
	}
	p.ready = p.ready[:0]
	return nil
}

func (p *Poller) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

// collect takes the ready events without waiting, queues their callbacks
// in p.ready and reports whether there were any (a Wake counts).
func (p *Poller) collect() bool {
	n, err := unix.EpollWait(p.efd, p.evs, 0)
	if err == unix.EINTR || n <= 0 {
		return false // nothing yet: rc.Read waits until the epoll descriptor is readable
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return false
	}
	for _, ev := range p.evs[:n] {
		if ev.Fd == int32(p.wfd) {
			var b [8]byte
			unix.Read(p.wfd, b[:]) // reset the counter
			p.ready = append(p.ready, p.late...)
			clear(p.late)
			p.late = p.late[:0]
			continue
		}
		if a, ok := p.fns[ev.Fd]; ok {
			if ev.Events&(unix.EPOLLRDHUP|unix.EPOLLHUP|unix.EPOLLERR) != 0 {
				a.s.hup.Store(true) // lasts: no edge will say it again (see HungUp)
			}
			if !a.keep {
				delete(p.fns, ev.Fd)
			}
			p.ready = append(p.ready, a.fn)
		}
	}
	p.mu.Unlock()
	return true
}

// unarm, run by Close, calls the callback s was armed with (a waiter then
// hears of the close: the kernel drops the registration silently) and
// forgets it.
func (s *Socket) unarm() {
	p := s.poller.Load()
	if p == nil {
		return
	}
	p.mu.Lock()
	a, ok := p.fns[s.pollFD]
	if ok && a.s == s {
		delete(p.fns, s.pollFD)
		p.late = append(p.late, a.fn)
	}
	p.mu.Unlock()
	if ok && a.s == s {
		p.Wake()
	}
}
