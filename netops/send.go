package netops

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"
)

// Send writes all of data (sendall semantics) within timeout (0: none) and
// returns how many bytes went out, which is len(data) unless it failed. On
// an unconnected UDP socket it sends one datagram to the last sender.
func (s *Socket) Send(ctx context.Context, data []byte, timeout time.Duration) (int, error) {
	if s.pc != nil {
		p := s.peer.Load()
		if p == nil {
			return 0, opErr("send", s, "", ErrNoPeer)
		}
		return s.sendTo(ctx, data, p, timeout)
	}
	if s.conn == nil {
		if err := s.misuse("send"); err != nil {
			return 0, err
		}
		return 0, opErr("send", s, "", &KindError{Op: "send", ID: s.ID, Kind: s.Kind, Need: "conn"})
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var n int
	err := s.takeSoErr() // an error a Watch took (a reset...) is this send's, as the kernel gives it
	if err == nil {
		err = bounded(ctx, deadline(timeout), s.conn.SetWriteDeadline, func() (err error) {
			n, err = s.conn.Write(data)
			return err
		})
	}
	if errors.Is(err, syscall.EPIPE) { // the kernel's EPIPE once a Watch took its reset: the reset is the answer
		if kept := s.takeSoErr(); kept != nil {
			err = kept
		}
	}
	s.out.Add(int64(n))
	s.traceSend(len(data), n, err)
	return n, opErr("send", s, "", err)
}

// traceSend reports a send of size bytes that wrote n to the trace, if
// anyone traces. It is kept out of line so that the sending goroutine's
// frames stay small (an idle connection's goroutine then fits its first
// 2 KiB stack).
//
//go:noinline
func (s *Socket) traceSend(size, n int, err error) {
	if tr := s.table.trace(); tr != nil { // no TCP_INFO syscall when nobody traces
		fd := s.kernel().FD
		tr.emit(Call{ID: s.ID, FD: fd, Name: "send", Args: fmt.Sprintf("fd %d, %s", fd, bytesText(size)), Result: fmt.Sprintf("%d", n), Err: err})
	}
}

// Shutdown half-closes a TCP connection: "write" sends FIN (the peer reads
// end of stream), "read" stops receiving (a receive with nothing waiting
// returns end of stream at once; the peer is not told, and what it still
// sends is, on Linux, kept and read, on BSD discarded, on Windows answered
// with RST), "both" does both. [Socket.ReadShut] reports a "read" or
// "both" that succeeded.
func (s *Socket) Shutdown(how string) error {
	tc, ok := s.conn.(interface {
		CloseWrite() error
		CloseRead() error
	})
	if !ok || s.pc != nil || isUDP(s.Proto) {
		if err := s.misuse("shutdown"); err != nil {
			return err
		}
		return opErr("shutdown", s, "", &KindError{Op: "shutdown", ID: s.ID, Kind: s.Kind, Need: "tcpconn"})
	}
	var err error
	switch how {
	case "write":
		err = tc.CloseWrite()
	case "read":
		err = tc.CloseRead()
	case "both", "":
		how = "both"
		if err = tc.CloseWrite(); err == nil {
			err = tc.CloseRead()
		}
	default:
		return opErr("shutdown", s, "", &InputError{What: "direction", Value: how, Want: "direction"})
	}
	if err == nil && how != "write" {
		s.rdShut.Store(true)
	}
	k := s.kernel()
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: "shutdown", Args: fmt.Sprintf("fd %d, SHUT_%s", k.FD, shutName[how]), Err: err, State: k.State, Proto: s.Proto})
	return opErr("shutdown", s, "", err)
}

var shutName = map[string]string{"read": "RD", "write": "WR", "both": "RDWR"}

// ReadShut reports whether s was shut down for reading ([Socket.Shutdown]
// "read" or "both"): an end of stream a receive returns may then be that,
// not the peer's FIN.
func (s *Socket) ReadShut() bool { return s.rdShut.Load() }
