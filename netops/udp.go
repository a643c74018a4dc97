package netops

import (
	"context"
	"fmt"
	"net"
	"time"
)

// listenUDP binds an unconnected UDP socket to addr.
func (t *Table) listenUDP(ctx context.Context, proto, addr, owner string) (*Socket, error) {
	tr, fd := t.trace(), -1
	lc := net.ListenConfig{Control: controlTrace(tr, &fd)}
	pc, err := lc.ListenPacket(ctx, proto, addr)
	if fd >= 0 {
		tr.emit(bindCall(fd, addr, err))
	}
	if err != nil {
		return nil, &OpError{Op: "listen", Net: proto, Addr: addr, Err: err}
	}
	s := newSocket(proto, KindPacket, owner)
	s.pc = pc.(*net.UDPConn)
	return t.add(s), nil
}

// SendTo sends data as one datagram to addr from UDP socket s.
func (s *Socket) SendTo(ctx context.Context, data []byte, addr string, timeout time.Duration) (int, error) {
	if s.pc == nil {
		return 0, opErr("sendto", s, addr, fmt.Errorf("%w: sendto needs an unconnected UDP socket (listen udp); on [%d] use send", ErrWrongKind, s.ID))
	}
	a, err := ParseAddr(addr)
	if err != nil {
		return 0, opErr("sendto", s, addr, err)
	}
	ua, err := net.ResolveUDPAddr(s.Proto, a)
	if err != nil {
		return 0, opErr("sendto", s, addr, err)
	}
	return s.sendTo(ctx, data, ua, timeout)
}

func (s *Socket) sendTo(ctx context.Context, data []byte, to *net.UDPAddr, timeout time.Duration) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var n int
	err := bounded(ctx, deadline(timeout), s.pc.SetWriteDeadline, func() (err error) {
		n, err = s.pc.WriteToUDP(data, to)
		return err
	})
	s.out.Add(int64(n))
	fd := s.kernel().FD
	s.table.trace().emit(Call{ID: s.ID, FD: fd, Name: "sendto", Args: fmt.Sprintf("fd %d, %d bytes, %s", fd, len(data), to), Result: fmt.Sprint(n), Err: err})
	return n, opErr("sendto", s, to.String(), err)
}

// RecvFrom returns one datagram (cut to max bytes) and its sender. The
// sender becomes the default destination of [Socket.Send]. On a connected
// UDP socket the sender is the connected peer.
func (s *Socket) RecvFrom(ctx context.Context, max int, timeout time.Duration) ([]byte, string, error) {
	if max <= 0 {
		return nil, "", opErr("recvfrom", s, "", fmt.Errorf("bad size %d: want a positive number of bytes", max))
	}
	if s.pc == nil {
		if s.Kind == KindPacket && s.conn != nil {
			b, err := s.Recv(ctx, max, timeout)
			return b, s.RemoteAddr(), err
		}
		return nil, "", opErr("recvfrom", s, "", fmt.Errorf("%w: recvfrom works on UDP sockets; on [%d] use recv", ErrWrongKind, s.ID))
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	b := make([]byte, max)
	var n int
	var from *net.UDPAddr
	err := bounded(ctx, deadline(timeout), s.pc.SetReadDeadline, func() (err error) {
		n, from, err = s.pc.ReadFromUDP(b)
		return err
	})
	if err != nil {
		return nil, "", opErr("recvfrom", s, "", err)
	}
	s.in.Add(int64(n))
	s.peer.Store(from)
	s.consumed()
	fd := s.kernel().FD
	s.table.trace().emit(Call{ID: s.ID, FD: fd, Name: "recvfrom", Args: fmt.Sprintf("fd %d, %d", fd, max), Result: fmt.Sprintf("%d bytes from %s", n, from)})
	return b[:n:n], from.String(), nil
}
