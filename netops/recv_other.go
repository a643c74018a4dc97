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
