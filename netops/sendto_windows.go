package netops

import "context"

// sendtoUnbound is not offered on Windows yet: a step UDP socket is bound
// (bind) before its first sendto there.
func (s *Socket) sendtoUnbound(ctx context.Context, data []byte, addr string) (int, bool, error) {
	return 0, false, nil
}
