package netops

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/netip"
	"strconv"
	"time"
)

// ListenOptions tune [Table.Listen].
type ListenOptions struct {
	Backlog int    // listen backlog; 0 means the system's default
	Owner   string // recorded in [Socket.Owner]
}

// Listen opens a socket bound to addr: for TCP a listener, for UDP a packet
// socket that receives datagrams sent to addr.
func (t *Table) Listen(ctx context.Context, proto, addr string, o ListenOptions) (*Socket, error) {
	if _, err := ParseProto(proto); err != nil {
		return nil, &OpError{Op: "listen", Addr: addr, Err: err}
	}
	a, err := ParseAddr(addr)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: proto, Addr: addr, Err: err}
	}
	a = everyInterface(proto, a)
	if isUDP(proto) {
		return t.listenUDP(ctx, proto, a, o.Owner)
	}
	if o.Backlog > math.MaxInt32 { // listen(2) takes a C int: never cut it
		return nil, &OpError{Op: "listen", Net: proto, Addr: a, Err: &InputError{What: "backlog", Value: strconv.Itoa(o.Backlog), Want: "int32"}}
	}
	s := newSocket(proto, KindListener, o.Owner)
	ln, keep, err := listenTCP(ctx, proto, a, o.Backlog, t.trace())
	if err != nil {
		return nil, &OpError{Op: "listen", Net: proto, Addr: a, Err: err}
	}
	s.ln, s.keep = ln, keep
	return t.add(s), nil
}

// everyInterface writes an empty host as the address it means, as
// Python's bind(("", port)) and nc do: 0.0.0.0, or :: for tcp6 and udp6.
func everyInterface(proto, addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	if host != "" {
		return addr
	}
	if wants6(proto, host) {
		return net.JoinHostPort("::", port)
	}
	return net.JoinHostPort("0.0.0.0", port)
}

// goNetwork is the network to give Go's net package for a socket of proto
// bound to addr: for an IPv4 address "tcp4" or "udp4", for Go would bind
// 0.0.0.0 as [::] (an IPv6 socket that takes IPv4 too), which is not the
// socket asked for.
func goNetwork(proto, addr string) string {
	host, _, _ := net.SplitHostPort(addr)
	if ip, err := netip.ParseAddr(host); err == nil && ip.Is4() && (proto == "tcp" || proto == "udp") {
		return proto + "4"
	}
	return proto
}

// Accept waits for a client on listener s and files the new connection in
// s's table. A timeout of 0 waits for ever (or until ctx ends).
func (s *Socket) Accept(ctx context.Context, timeout time.Duration) (*Socket, error) {
	if s.ln == nil {
		if err := s.misuse("accept"); err != nil {
			return nil, err
		}
		return nil, opErr("accept", s, "", &KindError{Op: "accept", ID: s.ID, Kind: s.Kind, Need: "listener"})
	}
	var c net.Conn
	err := bounded(ctx, deadline(timeout), s.ln.SetDeadline, func() (err error) {
		c, err = s.ln.Accept()
		return err
	})
	if err != nil {
		return nil, opErr("accept", s, s.LocalAddr(), err)
	}
	s.consumed()
	n := newSocket(s.Proto, KindConn, s.Owner)
	n.conn = c
	s.table.add(n)
	k := n.kernel()
	s.table.trace().emit(Call{ID: n.ID, FD: k.FD, Name: "accept", Args: fdArg(s.kernel().FD),
		Result: fmt.Sprintf("fd %d", k.FD), Peer: n.RemoteAddr(), State: k.State, Proto: s.Proto})
	n.osDefaults(true)
	return n, nil
}

// DialOptions tune [Table.Connect].
type DialOptions struct {
	Timeout time.Duration // per attempt; 0 means the system's own (about 2 minutes on Linux)
	Retry   time.Duration // wait between attempts; 0 means one attempt only
	Tries   int           // attempts at most when Retry is set; 0 means no limit
	Local   string        // local address to bind before connecting ("" lets the kernel pick)
	Owner   string        // recorded in [Socket.Owner]
	// Attempt, if not nil, is told of each failed attempt: its number and
	// error, and how long until the next one (0 when there is none).
	Attempt func(n int, err error, next time.Duration)
}

// Connect connects to addr. With o.Retry set it makes a fresh socket for
// every attempt, waiting o.Retry between attempts, until one succeeds,
// o.Tries attempts have failed, or ctx ends.
func (t *Table) Connect(ctx context.Context, proto, addr string, o DialOptions) (*Socket, error) {
	if _, err := ParseProto(proto); err != nil {
		return nil, &OpError{Op: "connect", Addr: addr, Err: err}
	}
	a, err := ParseAddr(addr)
	if err != nil {
		return nil, &OpError{Op: "connect", Net: proto, Addr: addr, Err: err}
	}
	for n := 1; ; n++ {
		c, err := t.dialOnce(ctx, proto, a, o)
		if err == nil {
			return c, nil
		}
		last := o.Retry == 0 || (o.Tries > 0 && n >= o.Tries) || ctx.Err() != nil
		next := o.Retry
		if last {
			next = 0
		}
		if o.Attempt != nil {
			o.Attempt(n, err, next)
		}
		if last {
			if ctx.Err() != nil {
				return nil, &OpError{Op: "connect", Net: proto, Addr: a, Err: ctx.Err()}
			}
			return nil, err
		}
		tm := time.NewTimer(o.Retry)
		select {
		case <-ctx.Done():
			tm.Stop()
			return nil, &OpError{Op: "connect", Net: proto, Addr: a, Err: ctx.Err()}
		case <-tm.C:
		}
	}
}

// dialOnce makes one connection attempt with a fresh socket.
func (t *Table) dialOnce(ctx context.Context, proto, addr string, o DialOptions) (*Socket, error) {
	d := net.Dialer{Timeout: o.Timeout, KeepAlive: -1} // no keep-alive: the system's default
	if o.Local != "" {
		la, err := ParseAddr(o.Local)
		if err != nil {
			return nil, &OpError{Op: "connect", Net: proto, Addr: addr, Err: err}
		}
		if d.LocalAddr, err = resolveLocal(proto, la); err != nil {
			return nil, &OpError{Op: "connect", Net: proto, Addr: addr, Err: err}
		}
	}
	tr, fd := t.trace(), -1
	d.Control = controlTrace(tr, &fd)
	t.notePeer(addr) // before the SYN: a capture's filter needs the port
	c, err := d.DialContext(ctx, proto, addr)
	if err != nil {
		if fd >= 0 {
			tr.emit(Call{FD: fd, Name: "connect", Args: fmt.Sprintf("fd %d, %s", fd, addr), Err: sysErr("connect", err), Proto: proto})
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() && ctx.Err() == nil && o.Timeout > 0 {
			err = &TimeoutError{After: o.Timeout}
		}
		return nil, &OpError{Op: "connect", Net: proto, Addr: addr, Err: err}
	}
	kind := KindConn
	if isUDP(proto) {
		kind = KindPacket
	}
	s := newSocket(proto, kind, o.Owner)
	s.conn = c
	t.add(s)
	k := s.kernel()
	tr.emit(Call{ID: s.ID, FD: k.FD, Name: "connect", Args: fmt.Sprintf("fd %d, %s", k.FD, addr),
		Result: "local " + c.LocalAddr().String(), State: k.State, Proto: proto})
	s.osDefaults(false)
	return s, nil
}

func resolveLocal(proto, addr string) (net.Addr, error) {
	if isUDP(proto) {
		return net.ResolveUDPAddr(proto, addr)
	}
	return net.ResolveTCPAddr(proto, addr)
}

func fdArg(fd int) string {
	if fd < 0 {
		return ""
	}
	return fmt.Sprintf("fd %d", fd)
}
