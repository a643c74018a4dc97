package netops

import (
	"errors"
	"syscall"
)

// Arrival describes what waits on a socket that no receive or accept has
// taken yet. [Socket.Watch] reports it.
type Arrival struct {
	Pending int    // bytes waiting (in the kernel and in the socket's buffer)
	Preview []byte // the first of them, at most [PreviewSize] bytes
	EOF     bool   // the peer has finished sending, nothing is pending, and no receive has returned the end yet
	Clients int    // listener: connections completed and waiting for accept
	Err     error  // the socket's error (SO_ERROR: a reset, an ICMP error), which the next receive or send returns
}

// PreviewSize is the most bytes an [Arrival] previews.
const PreviewSize = 64

// arrival is what waits on s without being taken: what s holds already
// (its buffer), then what peekOS (the system's MSG_PEEK read into b)
// shows. peekOS says the socket's own error apart (soErr: a reset, an
// ICMP error) from a look that found nothing (err). A listener tells its
// completed connections instead. It holds rmu, so that no receive runs
// between the look and the keeping of an error the look took.
func (s *Socket) arrival(peekOS func(b []byte) (n int, soErr, err error)) Arrival {
	if s.ln != nil {
		return Arrival{Clients: max(1, s.kernel().Queue)}
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	buffered := append([]byte(nil), s.buf...)
	b := make([]byte, chunk) // peeking a whole chunk also counts what waits, up to 64 KiB
	n, soErr, err := peekOS(b)
	if soErr != nil {
		s.keepSoErr(soErr)
		err = soErr
	}
	if err != nil {
		n = 0
	}
	a := Arrival{Pending: len(buffered) + n, Err: soErr}
	a.Preview = append(buffered, b[:n]...)
	if len(a.Preview) > PreviewSize {
		a.Preview = a.Preview[:PreviewSize]
	}
	a.EOF = err == nil && n == 0 && len(buffered) == 0 && s.pc == nil && !s.eof.Load()
	return a
}

// keepSoErr keeps err, the socket's error (SO_ERROR: ECONNRESET after the
// peer's RST, ECONNREFUSED after an ICMP port unreachable on connected
// UDP...) that a peek took from the kernel. The kernel gives such an error
// to one call only, and clears it: that call must be the next receive or
// send, as it would be without a watcher, not the watcher's look. A reset
// is known from now on (WasReset), before the watcher looks again and
// finds the end of stream it leaves.
func (s *Socket) keepSoErr(err error) {
	if errors.Is(err, syscall.ECONNRESET) {
		s.reset.Store(true)
	}
	s.soErr.Store(&err)
}

// takeSoErr returns, once, the error [Socket.keepSoErr] kept (nil when
// none); a receive or send that gets it returns it instead of calling the
// kernel. A Watch waiting for a receive then looks again.
func (s *Socket) takeSoErr() error {
	if s.soErr.Load() == nil { // the common case, without a locked swap
		return nil
	}
	p := s.soErr.Swap(nil)
	if p == nil {
		return nil
	}
	s.consumed()
	return *p
}
