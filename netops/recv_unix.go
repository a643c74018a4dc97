//go:build unix

package netops

import (
	"context"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// recvOnce makes one read of at most max bytes from the connection,
// bounded by dl and ctx, and returns exactly the bytes read.
//
// On a TCP connection it waits for readability holding no buffer: Go's
// poller parks the goroutine (honouring the read deadline) while a
// non-blocking read(2) through [syscall.RawConn] says EAGAIN, and only a
// read that finds data borrows a pooled buffer, copying out the n bytes it
// got. An idle connection blocked in Recv so costs no receive buffer (see
// the memory figures in luanet's README section). Other connections
// (connected UDP) read through net.Conn.
func (s *Socket) recvOnce(ctx context.Context, dl time.Time, max int) ([]byte, error) {
	tc, ok := s.conn.(*net.TCPConn)
	if !ok {
		return s.recvCopy(ctx, dl, max)
	}
	if err := s.takeSoErr(); err != nil {
		return nil, s.noteRead(0, max, err)
	}
	if s.raw.of != tc { // the first receive (or a step socket's new connection)
		rc, err := tc.SyscallConn()
		if err != nil {
			return s.recvCopy(ctx, dl, max)
		}
		s.raw = rawConn{of: tc, rc: rc}
	}
	r := rawReaders.Get().(*rawReader)
	r.rc, r.conn, r.max = s.raw.rc, tc, max
	err := bounded(ctx, dl, r.setDeadline, r.op)
	out := r.out
	*r = rawReader{cb: r.cb, op: r.op, setDeadline: r.setDeadline, tryOnce: r.tryOnce}
	rawReaders.Put(r)
	return out, s.noteRead(len(out), max, err)
}

// recvCopy is recvOnce through net.Conn.Read.
func (s *Socket) recvCopy(ctx context.Context, dl time.Time, max int) ([]byte, error) {
	b := make([]byte, max)
	n, err := s.fill(ctx, dl, b)
	return b[:n:n], err
}

// The pooled read buffers come in two sizes: smallBuf for the usual
// receive (recv(1024), recv(4096)), poolBuf for larger ones; a read larger
// still has a buffer of its own.
const (
	smallBuf = 4 << 10
	poolBuf  = 64 << 10
)

var (
	smallBufs = sync.Pool{New: func() any { b := make([]byte, smallBuf); return &b }}
	readBufs  = sync.Pool{New: func() any { b := make([]byte, poolBuf); return &b }}
)

// bufPool returns the pool for reads of max bytes, nil when too large.
func bufPool(max int) *sync.Pool {
	switch {
	case max <= smallBuf:
		return &smallBufs
	case max <= poolBuf:
		return &readBufs
	}
	return nil
}

// rawReader is one Recv's state. Its callbacks are bound once, when the
// pool makes it, so that a receive allocates no closures.
type rawReader struct {
	rc          syscall.RawConn
	conn        *net.TCPConn
	max         int
	out         []byte // the bytes read
	big         []byte // the buffer of a read larger than poolBuf
	err         error  // the read's own error (io.EOF, ECONNRESET, ...)
	cb          func(fd uintptr) bool
	tryOnce     func(fd uintptr) bool // cb that never waits (TryRecv)
	op          func() error
	setDeadline func(time.Time) error
}

var rawReaders = sync.Pool{New: func() any {
	r := &rawReader{}
	r.cb, r.op = r.try, r.read
	r.tryOnce = func(fd uintptr) bool { r.try(fd); return true }
	r.setDeadline = func(t time.Time) error { return r.conn.SetReadDeadline(t) }
	return r
}}

// read runs the non-blocking read until it finds data, end of stream, an
// error, the deadline or a close.
func (r *rawReader) read() error {
	if err := r.rc.Read(r.cb); err != nil {
		return err
	}
	return r.err
}

// try is one non-blocking read(2); false asks the poller to wait for
// readability and call it again.
func (r *rawReader) try(fd uintptr) bool {
	var buf []byte
	var bp *[]byte
	pool := bufPool(r.max)
	if pool != nil {
		bp = pool.Get().(*[]byte)
		buf = (*bp)[:r.max]
	} else {
		if r.big == nil {
			r.big = make([]byte, r.max) // held while waiting: reads this large are rare
		}
		buf = r.big
	}
	n, err := readNoEINTR(int(fd), buf)
	switch {
	case err == unix.EAGAIN:
	case err != nil:
		r.err = os.NewSyscallError("read", err)
	case n == 0:
		r.err = io.EOF
	case bp == nil:
		r.out = buf[:n:n]
	default:
		r.out = make([]byte, n)
		copy(r.out, buf)
	}
	if bp != nil {
		pool.Put(bp)
	}
	return err != unix.EAGAIN
}

func readNoEINTR(fd int, b []byte) (int, error) {
	for {
		n, err := unix.Read(fd, b)
		if err != unix.EINTR {
			return n, err
		}
	}
}

// TryRecv is [Socket.Recv] without waiting: what earlier receives left
// buffered, or else one non-blocking read of at most max bytes from a TCP
// connection. It returns nil, nil when nothing is there (and on sockets it
// cannot read without waiting), so that a caller on a goroutine that must
// not block can try before it hands the receive to one that may. At end
// of stream it returns io.EOF (not wrapped). While another receive on s
// is in progress it returns [ErrBusy] at once.
func (s *Socket) TryRecv(max int) ([]byte, error) {
	tc, ok := s.conn.(*net.TCPConn)
	if !ok || max <= 0 {
		return nil, nil
	}
	if !s.rmu.TryLock() {
		return nil, ErrBusy
	}
	defer s.rmu.Unlock()
	if len(s.buf) > 0 {
		return s.take(min(max, len(s.buf))), nil
	}
	if err := s.takeSoErr(); err != nil {
		return nil, s.recvErr("recv", s.noteRead(0, max, err))
	}
	if s.raw.of != tc {
		rc, err := tc.SyscallConn()
		if err != nil {
			return nil, nil
		}
		s.raw = rawConn{of: tc, rc: rc}
	}
	r := rawReaders.Get().(*rawReader)
	r.rc, r.conn, r.max = s.raw.rc, tc, max
	err := r.rc.Read(r.tryOnce)
	out, rerr := r.out, r.err
	*r = rawReader{cb: r.cb, op: r.op, setDeadline: r.setDeadline, tryOnce: r.tryOnce}
	rawReaders.Put(r)
	if err != nil { // closed, or a deadline another call left: let Recv say so
		return nil, nil
	}
	if len(out) > 0 {
		s.consumed()
		s.noteRead(len(out), max, nil)
		return out, nil
	}
	if rerr != nil {
		return nil, s.recvErr("recv", s.noteRead(0, max, rerr))
	}
	return nil, nil
}
