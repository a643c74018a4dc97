//go:build !unix

package netops

import (
	"context"
	"time"
)

// recvOnce makes one read of at most max bytes from the connection,
// bounded by dl and ctx, and returns the bytes read.
func (s *Socket) recvOnce(ctx context.Context, dl time.Time, max int) ([]byte, error) {
	b := make([]byte, max)
	n, err := s.fill(ctx, dl, b)
	return b[:n:n], err
}

// TryRecv is [Socket.Recv] without waiting; here it returns only what
// earlier receives left buffered (nil, nil when nothing is), since the
// connection cannot be read without waiting.
func (s *Socket) TryRecv(max int) ([]byte, error) {
	if s.conn == nil || max <= 0 {
		return nil, nil
	}
	if !s.rmu.TryLock() {
		return nil, ErrBusy
	}
	defer s.rmu.Unlock()
	if len(s.buf) > 0 {
		return s.take(min(max, len(s.buf))), nil
	}
	return nil, nil
}
