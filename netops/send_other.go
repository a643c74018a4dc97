//go:build !unix

package netops

// TrySend would write what the kernel takes at once without waiting; this
// system has no such call here, so it sends nothing and returns 0, nil
// (the caller then uses [Socket.Send]).
func (s *Socket) TrySend(data []byte) (int, error) { return 0, nil }
