package netops

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"
)

// listenUDP binds an unconnected UDP socket to addr.
func (t *Table) listenUDP(ctx context.Context, proto, addr, owner string) (*Socket, error) {
	tr, fd := t.trace(), -1
	lc := net.ListenConfig{Control: controlTrace(tr, &fd)}
	pc, err := lc.ListenPacket(ctx, goNetwork(proto, addr), addr)
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
		if n, ok, err := s.sendtoUnbound(ctx, data, addr); ok {
			return n, err
		}
		return 0, opErr("sendto", s, addr, &KindError{Op: "sendto", ID: s.ID, Kind: s.Kind, Need: "unconnected"})
	}
	a, err := ParseAddr(addr)
	if err != nil {
		return 0, opErr("sendto", s, addr, err)
	}
	ua, err := net.ResolveUDPAddr(s.Proto, a)
	if err != nil {
		return 0, opErr("sendto", s, addr, err)
	}
	s.table.notePeer(ua.String())
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
	s.table.trace().emit(Call{ID: s.ID, FD: fd, Name: "sendto", Args: fmt.Sprintf("fd %d, %s, %s", fd, bytesText(len(data)), to), Result: fmt.Sprint(n), Err: err})
	return n, opErr("sendto", s, to.String(), err)
}

// maxDatagram is the size of the buffer a datagram is read into, whatever
// max the caller gave: a UDP datagram's payload is at most 65,507 bytes
// over IPv4 and 65,527 over IPv6 (without jumbograms), so the whole
// datagram always fits and the part past max can be counted.
const maxDatagram = 64 << 10

var datagramBufs = sync.Pool{New: func() any { b := make([]byte, maxDatagram); return &b }}

// Datagram is one received UDP datagram.
type Datagram struct {
	Data []byte // its first max bytes
	From string // the sender's address
	// Size is the datagram's length as it arrived: more than len(Data)
	// when it was longer than max, and the rest was dropped (as the
	// kernel drops it for a smaller buffer).
	Size int
}

// Dropped returns how many bytes of the datagram were cut off past max.
func (d Datagram) Dropped() int { return d.Size - len(d.Data) }

// RecvFrom returns one datagram (cut to max bytes) and its sender; see
// [Socket.RecvDatagram], which also says how long the datagram was.
func (s *Socket) RecvFrom(ctx context.Context, max int, timeout time.Duration) ([]byte, string, error) {
	d, err := s.RecvDatagram(ctx, max, timeout)
	return d.Data, d.From, err
}

// RecvDatagram returns one datagram, cut to max bytes, with its sender and
// its length as it arrived. The sender becomes the default destination of
// [Socket.Send]. On a connected UDP socket the sender is the connected
// peer. The buffer is never larger than the largest datagram, whatever max
// is.
func (s *Socket) RecvDatagram(ctx context.Context, max int, timeout time.Duration) (Datagram, error) {
	if s.pc == nil && !(s.Kind == KindPacket && s.conn != nil) {
		return Datagram{}, opErr("recvfrom", s, "", &KindError{Op: "recvfrom", ID: s.ID, Kind: s.Kind, Need: "udp"})
	}
	return s.recvDatagram(ctx, "recvfrom", max, timeout)
}

func (s *Socket) recvDatagram(ctx context.Context, op string, max int, timeout time.Duration) (Datagram, error) {
	if max <= 0 {
		return Datagram{}, opErr(op, s, "", &InputError{What: "size", Value: strconv.Itoa(max), Want: "positive"})
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	bp := datagramBufs.Get().(*[]byte)
	defer datagramBufs.Put(bp)
	b := *bp
	var n int
	var from *net.UDPAddr
	err := s.takeSoErr() // an ICMP error a Watch took comes first, as the kernel gives it
	switch {
	case err != nil:
	case s.pc != nil:
		err = bounded(ctx, deadline(timeout), s.pc.SetReadDeadline, func() (err error) {
			n, from, err = s.pc.ReadFromUDP(b)
			return err
		})
	default:
		err = bounded(ctx, deadline(timeout), s.conn.SetReadDeadline, func() (err error) {
			n, err = s.conn.Read(b)
			return err
		})
		from, _ = s.conn.RemoteAddr().(*net.UDPAddr)
	}
	if err != nil {
		return Datagram{}, opErr(op, s, "", err)
	}
	s.in.Add(int64(min(n, max)))
	if s.pc != nil {
		s.peer.Store(from)
	}
	s.consumed()
	fd := s.kernel().FD
	s.table.trace().emit(Call{ID: s.ID, FD: fd, Name: op, Args: fmt.Sprintf("fd %d, %d", fd, max), Result: bytesText(min(n, max)), Peer: from.String()})
	return Datagram{Data: bytes.Clone(b[:min(n, max)]), From: from.String(), Size: n}, nil
}
