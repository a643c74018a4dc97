package netops

// Arrival describes what waits on a socket that no receive or accept has
// taken yet. [Socket.Watch] reports it.
type Arrival struct {
	Pending int    // bytes waiting (in the kernel and in the socket's buffer)
	Preview []byte // the first of them, at most [PreviewSize] bytes
	EOF     bool   // the peer has finished sending and nothing is pending
	Clients int    // listener: connections completed and waiting for accept
}

// PreviewSize is the most bytes an [Arrival] previews.
const PreviewSize = 64

// arrival is what waits on s without being taken: what s holds already
// (its buffer), then what peekOS (the system's MSG_PEEK read into b)
// shows. A listener tells its completed connections instead.
func (s *Socket) arrival(peekOS func(b []byte) (int, error)) Arrival {
	if s.ln != nil {
		return Arrival{Clients: max(1, s.kernel().Queue)}
	}
	s.rmu.Lock()
	buffered := append([]byte(nil), s.buf...)
	s.rmu.Unlock()
	b := make([]byte, chunk) // peeking a whole chunk also counts what waits, up to 64 KiB
	n, err := peekOS(b)
	if err != nil {
		n = 0
	}
	a := Arrival{Pending: len(buffered) + n}
	a.Preview = append(buffered, b[:n]...)
	if len(a.Preview) > PreviewSize {
		a.Preview = a.Preview[:PreviewSize]
	}
	a.EOF = err == nil && n == 0 && len(buffered) == 0 && s.pc == nil
	return a
}
