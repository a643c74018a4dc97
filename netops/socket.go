package netops

import (
	"net"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Kind tells what a [Socket] is.
type Kind int

// The kinds of socket in a [Table].
const (
	KindListener Kind = iota + 1 // a TCP socket listening for connections
	KindConn                     // a connected TCP socket
	KindPacket                   // a UDP socket
	KindStep                     // a socket built one call at a time (see step commands)
)

// String returns "listener", "conn", "udp" or "socket".
func (k Kind) String() string {
	switch k {
	case KindListener:
		return "listener"
	case KindConn:
		return "conn"
	case KindPacket:
		return "udp"
	case KindStep:
		return "socket"
	}
	return "unknown"
}

// Socket is one open socket in a [Table]. Its methods are safe for use by
// several goroutines; receives are serialised among themselves, and so are
// sends.
type Socket struct {
	ID      int    // small id, unique in its table, never reused
	Proto   string // "tcp" or "udp" (or tcp4, udp6, ...)
	Kind    Kind
	Owner   string // who opened it: "" for the shell, or a script's name
	Created time.Time

	table *Table
	end   [2]netip.AddrPort // its ends as filed for EndID (guarded by table.mu)
	ln    streamListener
	conn  net.Conn     // *net.TCPConn, or a connected *net.UDPConn
	pc    *net.UDPConn // an unconnected UDP socket

	rmu    sync.Mutex             // serialises receives and guards buf and raw
	buf    []byte                 // bytes read from the kernel but not yet returned
	raw    rawConn                // conn's syscall.RawConn, made once by the unix recvOnce
	poller atomic.Pointer[Poller] // the Poller s is registered with (Linux), if any
	pollFD int32                  // its descriptor there (guarded by the poller's lock)
	wmu    sync.Mutex             // serialises sends
	in     atomic.Int64
	out    atomic.Int64
	reads  atomic.Uint64               // reads that came back with something (see Reads)
	hup    atomic.Bool                 // a Watch event told of the end of the stream or an error (see HungUp)
	peer   atomic.Pointer[net.UDPAddr] // last UDP sender, the default destination of Send
	reset  atomic.Bool                 // an operation failed with ECONNRESET (see WasReset)
	soErr  atomic.Pointer[error]       // the socket's error a Watch's peek took from the kernel (see keepSoErr)
	eof    atomic.Bool                 // a receive returned the end of stream: taken, so a Watch does not report it
	rdShut atomic.Bool                 // shut down for reading (see ReadShut)
	read   chan struct{}               // signalled when a receive consumed data (see Watch)
	once   sync.Once
	done   chan struct{} // closed by Close
	local  string        // local address, fixed once bound

	// budget, when set, pays for buf beyond FreeBuffer; charged is how
	// much it pays now (budget.go)
	budget  *Budget
	charged atomic.Int64

	// keep is the descriptor a person was shown: a step socket's own
	// descriptor (see [Table.Socket]), or the one the unix [Table.Listen]
	// made with socket(2). Go's net package works on a duplicate of it;
	// keeping the original open means the descriptor numbers in a trace
	// stay the ones the person saw. It is closed with the socket.
	keep   *os.File
	stepMu sync.Mutex             // serialises the step calls (bind, listen, connect)
	moved  atomic.Pointer[Socket] // the socket that took over this one's id
	ending bool                   // a step socket being closed; guarded by table.mu
}

func newSocket(proto string, kind Kind, owner string) *Socket {
	return &Socket{Proto: proto, Kind: kind, Owner: owner, Created: time.Now(),
		read: make(chan struct{}, 1), done: make(chan struct{})}
}

// Info is a snapshot of a socket for the `sockets` table.
type Info struct {
	ID      int
	Proto   string
	Kind    Kind
	Owner   string
	Local   string
	Remote  string // the connected peer; "" for a listener or an unconnected UDP socket
	Last    string // an unconnected UDP socket's last sender ("" before the first)
	State   string // the kernel's TCP state name, "" when the OS cannot tell
	In, Out int64  // bytes received and sent
	Age     time.Duration
	FD      int // descriptor, -1 when unknown
	Queue   int // listener: connections completed but not yet accepted (-1 unknown)
	Backlog int // listener: the backlog it was given (-1 unknown)
}

// Info returns a snapshot of the socket.
func (s *Socket) Info() Info {
	inf := Info{ID: s.ID, Proto: s.Proto, Kind: s.Kind, Owner: s.Owner,
		Local: s.LocalAddr(), Remote: s.RemoteAddr(), In: s.in.Load(), Out: s.out.Load(),
		Age: time.Since(s.Created), FD: -1, Queue: -1, Backlog: -1}
	if s.pc != nil {
		inf.Remote, inf.Last = "", inf.Remote
	}
	k := s.kernel()
	inf.State, inf.FD, inf.Queue, inf.Backlog = k.State, k.FD, k.Queue, k.Backlog
	return inf
}

// LocalAddr returns the socket's local address, or "" when it has none.
func (s *Socket) LocalAddr() string {
	switch {
	case s.ln != nil:
		return s.ln.Addr().String()
	case s.conn != nil:
		return addrName(s.conn.LocalAddr())
	case s.pc != nil:
		return s.pc.LocalAddr().String()
	case s.keep != nil:
		return s.stepLocal()
	}
	return s.local
}

// RemoteAddr returns the peer's address: the connected peer, or for an
// unconnected UDP socket the last sender; "" when there is none.
func (s *Socket) RemoteAddr() string {
	if s.conn != nil {
		return addrName(s.conn.RemoteAddr())
	}
	if p := s.peer.Load(); p != nil {
		return p.String()
	}
	return ""
}

// addrName returns a's text, or "" when a is nil or an unnamed UNIX
// socket (a client's, usually), which Go writes "@" as if it were an
// abstract name; Python's getpeername returns "" for it.
func addrName(a net.Addr) string {
	if a == nil {
		return ""
	}
	if u, ok := a.(*net.UnixAddr); ok && u.Name == "@" {
		return ""
	}
	return a.String()
}

func (s *Socket) peerOrLocal() string {
	if r := s.RemoteAddr(); r != "" {
		return r
	}
	return s.LocalAddr()
}

// Done returns a channel that is closed when the socket is closed.
func (s *Socket) Done() <-chan struct{} { return s.done }

// Closed reports whether the socket has been closed.
func (s *Socket) Closed() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// Close closes the socket and removes it from its table. Closing twice is
// not an error; the second call does nothing.
//
// A step socket that [Socket.Listen], [Socket.Connect] or [Socket.Bind]
// turned into a listener or connection forwards Close to the socket that
// now holds its id.
func (s *Socket) Close() error {
	if n := s.closeStep(); n != nil {
		return n.Close()
	}
	var err error
	first := false
	s.once.Do(func() {
		first = true
		k := s.kernel()
		var tr *Trace
		if s.table != nil {
			tr = s.table.trace()
		}
		var tuple [2]string
		if tr != nil && s.conn != nil && s.Kind == KindConn {
			tuple = [2]string{s.LocalAddr(), s.RemoteAddr()}
		}
		switch {
		case s.ln != nil:
			err = s.ln.Close()
		case s.conn != nil:
			err = s.conn.Close()
		case s.pc != nil:
			err = s.pc.Close()
		}
		if s.keep != nil {
			if kerr := s.keep.Close(); err == nil {
				err = kerr
			}
		}
		close(s.done)
		s.unarm() // after done: a later Arm refuses s
		s.unbudget()
		if s.table != nil {
			s.table.remove(s.ID)
			if tr != nil {
				tr.emit(Call{ID: s.ID, FD: k.FD, Name: "close", Args: fdArg(k.FD), Err: err,
					State: stateAfterClose(k.State, tuple)})
			}
		}
	})
	if !first {
		return nil
	}
	return opErr("close", s, "", err)
}

// rawConn is a connection's syscall.RawConn, kept so that a receive does
// not allocate a new one.
type rawConn struct {
	of *net.TCPConn
	rc syscall.RawConn
}

// Pollable reports whether a [Poller] can wait on s: a TCP connection
// (not UDP, a UNIX-domain socket or TLS).
func (s *Socket) Pollable() bool {
	_, ok := s.conn.(*net.TCPConn)
	return ok
}
