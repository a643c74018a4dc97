//go:build unix

package netops

import (
	"net"
	"os"

	"golang.org/x/sys/unix"
)

// TrySend writes as much of data as the kernel takes at once, without
// waiting, on a TCP connection, and returns how many bytes went out (0
// when the send buffer is full). It lets a caller that queues data write
// it from a goroutine that must not block, and hand only the rest to
// [Socket.Send]. While another send holds the connection (a Send waiting
// for a peer that does not read), it sends nothing and returns 0, nil
// rather than wait for it. On other sockets, and on systems without non-blocking
// descriptors, it sends nothing and returns 0, nil.
func (s *Socket) TrySend(data []byte) (int, error) {
	tc, ok := s.conn.(*net.TCPConn)
	if !ok || len(data) == 0 {
		return 0, nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return 0, nil
	}
	if !s.wmu.TryLock() { // a Send holds it, maybe for long: not ours to wait for
		return 0, nil
	}
	defer s.wmu.Unlock()
	var n int
	var werr error
	err = rc.Write(func(fd uintptr) bool {
		for {
			n, werr = unix.Write(int(fd), data)
			if werr != unix.EINTR {
				break
			}
		}
		return true // never wait: EAGAIN means 0 bytes now
	})
	if n < 0 {
		n = 0
	}
	switch {
	case err != nil:
	case werr == unix.EAGAIN:
	case werr != nil:
		err = os.NewSyscallError("write", werr)
	}
	s.out.Add(int64(n))
	if n > 0 || err != nil {
		s.traceSend(len(data), n, err)
	}
	return n, opErr("send", s, "", err)
}
