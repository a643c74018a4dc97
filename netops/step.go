package netops

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"runtime"
	"strconv"
	"time"
)

// ErrNotAvailable reports a teaching feature that this operating system
// cannot support; the message names the system and, where there is one, the
// one-step command to use instead.
var ErrNotAvailable = errors.New("not available on " + runtime.GOOS)

// ErrNoHandOver reports a socket that the system made (socket, bind,
// listen or connect succeeded) but that Go's runtime could not take over
// (net.FileListener, FileConn): Windows does this since Go 1.26; Wine 8
// cannot. The socket stays as it is, under its id. Only Windows returns it.
var ErrNoHandOver = fmt.Errorf("%w: the socket cannot be handed to Go's runtime", ErrNotAvailable)

// Socket creates an unbound socket, as socket(2) and Python's
// socket.socket() do, and files it in the table as a [KindStep] socket: proto
// is "tcp" or "udp" (tcp4/tcp6/udp4/udp6 choose the address family; tcp and
// udp mean IPv4, as in Python). The socket is then built one call at a time
// with [Socket.Bind], [Socket.Listen] and [Socket.Connect], each a real
// system call whose failure carries the errno (see [SysError]).
//
// After a successful listen or connect (and, for UDP, bind) the socket
// becomes an ordinary listener or connection under the SAME id: those
// methods return the [*Socket] that now holds the id, and the step socket
// itself is spent (its Close forwards to the new one). The descriptor the
// person was shown stays open and is reported by [Socket.Info], so a trace
// keeps the numbers it started with.
//
// On systems without the BSD socket calls (Windows) it fails with
// [ErrNotAvailable].
func (t *Table) Socket(proto, owner string) (*Socket, error) {
	if _, err := ParseProto(proto); err != nil {
		return nil, &OpError{Op: "socket", Err: err}
	}
	return t.newStep(proto, owner)
}

// Bind gives the socket its local address (bind(2)): "[HOST]:PORT", port 0
// letting the kernel choose. For a UDP step socket bind completes it: it
// becomes a packet socket (like `listen udp`) and Bind returns the socket
// now holding the id; for TCP it returns s.
func (s *Socket) Bind(addr string) (*Socket, error) {
	a, err := ParseAddr(addr)
	if err != nil {
		return nil, opErr("bind", s, addr, err)
	}
	return s.bind(a)
}

// Listen marks a bound (or, on Linux, unbound: the kernel then picks a
// port) TCP step socket as listening with the given backlog (listen(2); 0
// means the system's default, SOMAXCONN) and returns the listener now
// holding its id, ready for [Socket.Accept]. On a socket that already
// listens it sets a new backlog. On a connected socket it fails as the
// kernel does (EINVAL).
func (s *Socket) Listen(backlog int) (*Socket, error) {
	if backlog < 0 {
		return nil, opErr("listen", s, "", &InputError{What: "backlog", Value: strconv.Itoa(backlog), Want: "min0"})
	}
	if backlog > math.MaxInt32 { // listen(2) takes a C int: never cut it
		return nil, opErr("listen", s, "", &InputError{What: "backlog", Value: strconv.Itoa(backlog), Want: "int32"})
	}
	return s.listen(backlog)
}

// Connect connects a step socket to addr (connect(2), made non-blocking and
// waited for so that ctx and timeout, 0 meaning none, can end it) and
// returns the connection now holding its id. A connect that was ended
// leaves the socket in the kernel's hands (SYN_SENT), as it would in C.
// On a socket that is already connected or listening it fails as the
// kernel does (EISCONN).
func (s *Socket) Connect(ctx context.Context, addr string, timeout time.Duration) (*Socket, error) {
	a, err := ParseAddr(addr)
	if err != nil {
		return nil, opErr("connect", s, addr, err)
	}
	return s.connect(ctx, a, timeout)
}

// convert makes the socket that takes over old's id, with mk (which makes
// the Go listener or connection from old.keep), and files it in old's
// place; old then forwards to it. It holds the table's lock throughout so
// that a concurrent Close of old either comes first (and convert fails) or
// finds the new socket.
func (t *Table) convert(old *Socket, mk func() (*Socket, error)) (*Socket, error) {
	t.mu.Lock()
	if t.socks[old.ID] != old || old.ending {
		t.mu.Unlock()
		return nil, errClosedStep
	}
	n, err := mk()
	if err != nil {
		t.mu.Unlock()
		return nil, err
	}
	n.ID, n.table = old.ID, t
	n.Owner, n.Created, n.done, n.keep = old.Owner, old.Created, old.done, old.keep
	t.socks[n.ID] = n
	old.moved.Store(n)
	t.notePorts(n)
	t.mu.Unlock()
	return n, nil
}

var errClosedStep = fmt.Errorf("use of closed socket: %w", net.ErrClosed)

// current returns the socket that holds s's id now (s, or the listener or
// connection it became).
func (s *Socket) current() *Socket {
	for {
		n := s.moved.Load()
		if n == nil {
			return s
		}
		s = n
	}
}

// closeStep returns the socket that took over s's id, if any; otherwise it
// marks s as closing so that a step call in flight cannot hand its id on.
func (s *Socket) closeStep() *Socket {
	if s.Kind != KindStep || s.table == nil {
		return nil
	}
	s.table.mu.Lock()
	defer s.table.mu.Unlock()
	n := s.moved.Load()
	if n == nil {
		s.ending = true
	}
	return n
}
