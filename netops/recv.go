package netops

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"time"
)

// DefaultLimit is the most bytes [Socket.RecvUntil] and [Socket.RecvAll]
// gather when the caller gives no limit: a peer that never sends the
// delimiter cannot exhaust memory.
const DefaultLimit = 1 << 20

// chunk is how much a delimited or whole-stream receive asks the kernel for
// at a time.
const chunk = 64 << 10

// MaxRead is the most bytes one [Socket.Recv] returns, whatever max the
// caller asked for: the buffer of a read is sized by min(max, MaxRead), so
// a huge max costs nothing. (One read from the kernel rarely gives more
// than the socket's receive buffer anyway.)
const MaxRead = 1 << 20

// Recv returns at most max bytes (and at most [MaxRead]): what earlier
// receives left buffered, or else the result of exactly one read from the
// kernel, as Python's sock.recv(max) does. At end of stream it returns io.EOF (not wrapped). A
// timeout of 0 waits until data arrives or ctx ends. On a UDP socket it
// returns one datagram (cut to max bytes, as the kernel does).
func (s *Socket) Recv(ctx context.Context, max int, timeout time.Duration) ([]byte, error) {
	if max <= 0 {
		return nil, opErr("recv", s, "", &InputError{What: "size", Value: strconv.Itoa(max), Want: "positive"})
	}
	if s.pc != nil || (s.Kind == KindPacket && s.conn != nil) {
		d, err := s.recvDatagram(ctx, "recv", max, timeout)
		return d.Data, err
	}
	max = min(max, MaxRead)
	if err := s.readable("recv"); err != nil {
		return nil, err
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	if len(s.buf) > 0 {
		return s.take(min(max, len(s.buf))), nil
	}
	b, err := s.recvOnce(ctx, deadline(timeout), max)
	if len(b) > 0 {
		s.consumed()
		return b, nil
	}
	return nil, s.recvErr("recv", err)
}

// RecvN returns exactly n bytes, reading as often as it takes within
// timeout (for the whole call; 0 means none), as LuaSocket's receive(n)
// and pwntools' recvn do. When the timeout passes or the stream ends
// (io.EOF, not wrapped) first, the bytes that arrived stay buffered for the
// next receive. The caller bounds n.
func (s *Socket) RecvN(ctx context.Context, n int, timeout time.Duration) ([]byte, error) {
	if n < 0 {
		return nil, opErr("recv", s, "", &InputError{What: "size", Value: strconv.Itoa(n), Want: "min0"})
	}
	if err := s.readable("recv"); err != nil {
		return nil, err
	}
	dl := deadline(timeout)
	s.rmu.Lock()
	defer s.rmu.Unlock()
	defer s.settle()
	for len(s.buf) < n {
		size := min(chunk, n-len(s.buf))
		if err := s.reserve(len(s.buf) + size); err != nil {
			return nil, opErr("recv", s, "", err)
		}
		b := make([]byte, size)
		m, err := s.fill(ctx, dl, b)
		s.buf = append(s.buf, b[:m]...)
		if err != nil {
			return nil, s.recvErr("recv", err)
		}
	}
	return s.take(n), nil
}

// RecvLine is [Socket.RecvUntil] with the delimiter "\n".
func (s *Socket) RecvLine(ctx context.Context, timeout time.Duration, limit int) ([]byte, error) {
	return s.RecvUntil(ctx, []byte("\n"), timeout, limit)
}

// RecvUntil returns the bytes up to and including the first delim, reading
// as often as it takes within timeout (for the whole call; 0 means none).
// Bytes after delim stay buffered for the next receive. When more than limit
// bytes (0 means [DefaultLimit]) arrive without delim it fails with
// [ErrTooLong] and keeps them buffered. When the stream ends first it
// returns what arrived together with io.EOF, so nothing is lost.
func (s *Socket) RecvUntil(ctx context.Context, delim []byte, timeout time.Duration, limit int) ([]byte, error) {
	if len(delim) == 0 {
		return nil, opErr("recv", s, "", &InputError{What: "delimiter", Want: "nonempty"})
	}
	return s.gather(ctx, "recv", "delimiter", timeout, limit, len(delim)-1, func(buf []byte) int {
		if i := bytes.Index(buf, delim); i >= 0 {
			return i + len(delim)
		}
		return -1
	})
}

// RecvAll returns everything the peer sends until it closes its side,
// within timeout (0: none) and limit (0: [DefaultLimit]) bytes. It returns
// a nil error at end of stream; on a timeout or limit, what arrived stays
// buffered.
func (s *Socket) RecvAll(ctx context.Context, timeout time.Duration, limit int) ([]byte, error) {
	b, err := s.gather(ctx, "recv", "eof", timeout, limit, 0, func([]byte) int { return -1 })
	if err == io.EOF {
		err = nil
	}
	return b, err
}

// gather reads into the buffer until end(buf) returns a cut point; until
// names what end looks for ([LimitError.Until]). After a read, end sees the
// new bytes and the overlap bytes before them, where what it looks for may
// have begun (a delimiter's length less one).
func (s *Socket) gather(ctx context.Context, op, until string, timeout time.Duration, limit, overlap int, end func([]byte) int) ([]byte, error) {
	if err := s.readable(op); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	dl := deadline(timeout)
	s.rmu.Lock()
	defer s.rmu.Unlock()
	defer s.settle()
	scanned := 0
	for {
		if i := end(s.buf[scanned:]); i >= 0 && scanned+i <= limit {
			return s.take(scanned + i), nil
		}
		scanned = max(0, len(s.buf)-overlap) // a delimiter may straddle reads: rescan its length less one
		if len(s.buf) > limit {
			return nil, opErr(op, s, "", &LimitError{Limit: limit, Until: until})
		}
		// Read one byte past the limit: exactly limit bytes and then the
		// end of stream (or the delimiter) is within the limit. (room+1
		// would overflow for a limit of math.MaxInt.)
		size := chunk
		if room := limit - len(s.buf); room < chunk {
			size = room + 1
		}
		if err := s.reserve(len(s.buf) + size); err != nil {
			return nil, opErr(op, s, "", err)
		}
		b := make([]byte, size)
		n, err := s.fill(ctx, dl, b)
		s.buf = append(s.buf, b[:n]...)
		if err != nil {
			if err == io.EOF && len(s.buf) > 0 {
				s.eof.Store(true)
				return s.take(len(s.buf)), io.EOF
			}
			return nil, s.recvErr(op, err)
		}
	}
}

// fill makes one read from the kernel into b, bounded by dl and ctx.
func (s *Socket) fill(ctx context.Context, dl time.Time, b []byte) (int, error) {
	if err := s.takeSoErr(); err != nil {
		return 0, s.noteRead(0, len(b), err)
	}
	var n int
	err := bounded(ctx, dl, s.conn.SetReadDeadline, func() (err error) {
		n, err = s.conn.Read(b)
		return err
	})
	return n, s.noteRead(n, len(b), err)
}

// noteRead counts n bytes read by a read of size bytes and traces it. It
// returns the error to report: none when data came (the error, if it
// persists, comes back on the next read).
func (s *Socket) noteRead(n, size int, err error) error {
	s.reads.Add(1)
	s.in.Add(int64(n))
	if n > 0 {
		s.traceRecv(size, n)
	}
	if n > 0 && err != nil && err != io.EOF {
		err = nil
	}
	return err
}

// traceRecv reports a read of n bytes to the trace, if anyone traces; out
// of line, like traceSend.
//
//go:noinline
func (s *Socket) traceRecv(size, n int) {
	if tr := s.table.trace(); tr != nil { // no TCP_INFO syscalls when nobody traces
		fd := s.kernel().FD
		tr.emit(Call{ID: s.ID, FD: fd, Name: "recv", Args: fmt.Sprintf("fd %d, %d", fd, size), Result: bytesText(n)})
	}
}

// take removes and returns the first n buffered bytes (rmu held).
func (s *Socket) take(n int) []byte {
	out := bytes.Clone(s.buf[:n])
	s.buf = s.buf[n:]
	if len(s.buf) == 0 {
		s.buf = nil
	}
	s.settle()
	s.consumed()
	return out
}

// Reads returns how many reads from the kernel have come back with
// something (bytes, the end of the stream, an error, a timeout) on s so far,
// by any receive: a caller that waits for arrivals with [Poller.Watch]
// knows from it whether someone else read in between.
func (s *Socket) Reads() uint64 { return s.reads.Load() }

// HungUp reports that a [Poller] event on s told of the peer's end of
// stream, a reset or an error (EPOLLRDHUP, EPOLLHUP, EPOLLERR). That state
// lasts, and an edge-triggered registration announces it once, merged
// with the data that came before it: a read that takes the data and comes
// back short does not say the socket has nothing more to tell.
func (s *Socket) HungUp() bool { return s.hup.Load() }

// Leftover reports whether the next receive may find bytes without
// reading from the kernel: earlier receives left some, or a receive in
// progress now may leave some.
func (s *Socket) Leftover() bool {
	if !s.rmu.TryLock() {
		return true
	}
	defer s.rmu.Unlock()
	return len(s.buf) > 0
}

// consumed tells a [Socket.Watch] that a receive took data.
func (s *Socket) consumed() {
	select {
	case s.read <- struct{}{}:
	default:
	}
}

// recvErr passes io.EOF through unwrapped and wraps everything else.
func (s *Socket) recvErr(op string, err error) error {
	if err == io.EOF {
		s.eof.Store(true)
		s.table.trace().emit(Call{ID: s.ID, FD: s.kernel().FD, Name: "recv", Args: fdArg(s.kernel().FD), Result: "0", EOF: true, State: s.kernel().State, Proto: s.Proto})
		return io.EOF
	}
	if Errno(err) != "" { // the kernel's answer (a reset...), not a deadline or a cancel
		s.table.trace().emit(Call{ID: s.ID, FD: s.kernel().FD, Name: "recv", Args: fdArg(s.kernel().FD), Err: err, State: s.kernel().State})
	}
	return opErr(op, s, "", err)
}

// readable checks that s is a socket one can receive a stream from.
func (s *Socket) readable(op string) error {
	if s.conn == nil {
		if err := s.misuse(op); err != nil {
			return err
		}
		if s.pc != nil {
			return opErr(op, s, "", &KindError{Op: op, ID: s.ID, Kind: s.Kind, Need: "stream"})
		}
		return opErr(op, s, "", &KindError{Op: op, ID: s.ID, Kind: s.Kind, Need: "conn"})
	}
	return nil
}

// deadline returns now+timeout, or the zero time (no deadline) for timeout <= 0.
func deadline(timeout time.Duration) time.Time {
	if timeout <= 0 {
		return time.Time{}
	}
	return time.Now().Add(timeout)
}
