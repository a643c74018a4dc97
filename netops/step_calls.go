//go:build unix || windows

package netops

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"time"
)

// The step calls (socket, bind, listen, connect) as this file makes them
// are the same on every system that has them; each system's file
// (step_unix.go, step_windows.go) gives the calls themselves: sysOpen,
// sysBind, sysListen, sysConnect, sysLocal, handOver, and the socket
// address a stepAddr stands for.

// stepAddr is an address for a call of a step socket: HOST:PORT resolved
// for the socket's family.
type stepAddr struct {
	ap netip.AddrPort
	v6 bool // an IPv6 socket address (an IPv4 address in it goes as ::ffff:a.b.c.d)
}

// resolveFor resolves "HOST:PORT" for a socket of the family v6 says (see
// [resolveStep]). An IPv6 address for an IPv4 socket stays IPv6: the call
// then gets the system's own answer.
func resolveFor(ctx context.Context, v6 bool, addr string) (stepAddr, error) {
	ap, err := resolveStep(ctx, v6, addr)
	if err != nil {
		return stepAddr{}, err
	}
	return stepAddr{ap: ap, v6: v6 || !ap.Addr().Is4()}, nil
}

// String formats a as HOST:PORT, an IPv4 address in an IPv6 one as IPv4.
func (a stepAddr) String() string { return hostPort(a.ap) }

// hostPort formats ap as HOST:PORT, an IPv4-mapped address as IPv4.
func hostPort(ap netip.AddrPort) string {
	return net.JoinHostPort(net.IP(ap.Addr().AsSlice()).String(), fmt.Sprint(ap.Port()))
}

// newStep makes the socket call for [Table.Socket].
func (t *Table) newStep(proto, owner string) (*Socket, error) {
	v6, dgram := wants6(proto, ""), isUDP(proto)
	f, err := sysOpen(v6, dgram)
	tr := t.trace()
	args := socketCallArgs(v6, dgram)
	if err != nil {
		tr.emit(Call{FD: -1, Name: "socket", Args: args, Err: err})
		return nil, &OpError{Op: "socket", Net: proto, Err: err}
	}
	s := newSocket(proto, KindStep, owner)
	s.keep = f
	t.add(s)
	k := s.kernel()
	tr.emit(Call{ID: s.ID, FD: k.FD, Name: "socket", Args: args, Result: fmt.Sprintf("fd %d", k.FD), State: k.State})
	return s, nil
}

// control runs fn on s's descriptor; it fails when s is closed.
func (s *Socket) control(fn func(fd int)) error {
	if withFD(s.sysConn(), fn) != nil {
		return errClosedStep
	}
	return nil
}

// boundTo returns the address the socket is bound to (getsockname); ok is
// false when the system gives none.
func (s *Socket) boundTo() (ap netip.AddrPort, v6, ok bool) {
	s.control(func(fd int) { ap, v6, ok = sysLocal(fd) })
	return ap, v6, ok
}

// sockIs6 says whether the socket is an IPv6 one, from getsockname.
func (s *Socket) sockIs6() bool {
	if _, v6, ok := s.boundTo(); ok {
		return v6
	}
	return wants6(s.Proto, "")
}

// stepLocal returns a step socket's bound address, "" before bind.
func (s *Socket) stepLocal() string {
	if ap, _, ok := s.boundTo(); ok && ap.Port() != 0 {
		return hostPort(ap)
	}
	return ""
}

// step runs one system call on s's descriptor and reports it to the trace.
func (s *Socket) step(name, args string, call func(fd int) error) error {
	var err error
	if cerr := s.control(func(fd int) { err = call(fd) }); cerr != nil {
		err = cerr
	}
	k := s.kernel()
	err = sysErr(name, err)
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: name, Args: fmt.Sprintf("fd %d, %s", k.FD, args), Err: err, State: k.State, Proto: s.Proto})
	return err
}

func (s *Socket) bind(addr string) (*Socket, error) {
	s = s.current()
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	a, err := resolveFor(context.Background(), s.sockIs6(), addr)
	if err != nil {
		return nil, opErr("bind", s, addr, err)
	}
	if err := s.step("bind", a.String(), func(fd int) error { return sysBind(fd, a) }); err != nil {
		return nil, opErr("bind", s, addr, err)
	}
	s.table.note(s)
	if s.Kind != KindStep || !isUDP(s.Proto) {
		return s, nil
	}
	n, err := s.table.convert(s, s.packetSocket)
	if err != nil {
		return nil, opErr("bind", s, addr, err)
	}
	return n, nil
}

func (s *Socket) listen(backlog int) (*Socket, error) {
	s = s.current()
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	arg := "backlog " + fmt.Sprint(backlog)
	if backlog == 0 {
		backlog, arg = defaultBacklog()
	}
	if err := s.step("listen", arg, func(fd int) error { return sysListen(fd, backlog) }); err != nil {
		return nil, opErr("listen", s, "", err)
	}
	s.table.note(s)
	if s.Kind != KindStep {
		return s, nil
	}
	n, err := s.table.convert(s, func() (*Socket, error) {
		ln, err := net.FileListener(s.keep)
		if err != nil {
			return nil, handOver(err)
		}
		n := newSocket(s.Proto, KindListener, s.Owner)
		n.ln = ln.(*net.TCPListener)
		return n, nil
	})
	if err != nil {
		return nil, opErr("listen", s, "", err)
	}
	return n, nil
}

func (s *Socket) connect(ctx context.Context, addr string, timeout time.Duration) (*Socket, error) {
	s = s.current()
	if s.pc != nil {
		return nil, opErr("connect", s, addr, &KindError{Op: "connect", ID: s.ID, Kind: s.Kind, Need: "unbound"})
	}
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	a, err := resolveFor(ctx, s.sockIs6(), addr)
	if err != nil {
		return nil, opErr("connect", s, addr, err)
	}
	s.table.notePeer(addr)
	err = sysErr("connect", s.sysConnect(ctx, a, timeout))
	k := s.kernel()
	res := ""
	if err == nil {
		res = "local " + s.stepLocal()
	}
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: "connect", Args: fmt.Sprintf("fd %d, %s", k.FD, a), Result: res, Err: err, State: k.State, Proto: s.Proto})
	if err != nil {
		return nil, opErr("connect", s, addr, err)
	}
	s.table.note(s)
	if s.Kind != KindStep {
		return s, nil
	}
	n, err := s.table.convert(s, func() (*Socket, error) {
		c, err := net.FileConn(s.keep)
		if err != nil {
			return nil, handOver(err)
		}
		kind := KindConn
		if isUDP(s.Proto) {
			kind = KindPacket
		}
		n := newSocket(s.Proto, kind, s.Owner)
		n.conn = c
		return n, nil
	})
	if err != nil {
		return nil, opErr("connect", s, addr, err)
	}
	n.osDefaults(true) // net.FileConn turned keep-alive on
	return n, nil
}

// packetSocket makes, from a step UDP socket's descriptor, the packet
// socket it becomes once bound or once it has sent (see Table.convert).
func (s *Socket) packetSocket() (*Socket, error) {
	pc, err := net.FilePacketConn(s.keep)
	if err != nil {
		return nil, handOver(err)
	}
	n := newSocket(s.Proto, KindPacket, s.Owner)
	n.pc = pc.(*net.UDPConn)
	return n, nil
}

// listenTCP opens a TCP listener on addr with the real calls, each
// reported to tr: socket, setsockopt(SO_REUSEADDR, 1) where the system
// wants it (see reuseAddr), bind and listen(backlog) (0: the system's
// default; see goListen). It returns the listener and the descriptor the
// socket call gave, which the caller keeps open with it (see
// [Socket.keep]). "tcp" with no host or an IPv4 host is an IPv4 socket, as
// nc and Python make it; an IPv6 host or "tcp6" makes an IPv6 one.
func listenTCP(ctx context.Context, proto, addr string, backlog int, tr *Trace) (*net.TCPListener, *os.File, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if ln, ok, err := goListen(ctx, proto, addr, backlog, tr); ok {
		return ln, nil, err
	}
	host, _, _ := net.SplitHostPort(addr)
	v6 := wants6(proto, host)
	a, err := resolveFor(ctx, v6, addr)
	if err != nil {
		return nil, nil, err
	}
	args := socketCallArgs(v6, false)
	f, err := sysOpen(v6, false)
	if err != nil {
		tr.emit(Call{FD: -1, Name: "socket", Args: args, Err: err})
		return nil, nil, err
	}
	if backlog <= 0 {
		backlog, _ = defaultBacklog()
	}
	rc, _ := f.SyscallConn()
	rc.Control(func(u uintptr) {
		fd := int(u)
		tr.emit(Call{FD: fd, Name: "socket", Args: args, Result: fmt.Sprintf("fd %d", fd)})
		if err = reuseAddr(fd, tr); err != nil {
			return
		}
		berr := sysBind(fd, a)
		tr.emit(bindCall(fd, a.String(), berr))
		if err = sysErr("bind", berr); err != nil {
			return
		}
		err = sysErr("listen", sysListen(fd, backlog))
		st := ""
		if err == nil {
			st = "LISTEN"
		}
		tr.emit(Call{FD: fd, Name: "listen", Args: fmt.Sprintf("fd %d, backlog %d", fd, backlog), Err: err, State: st})
	})
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	ln, err := net.FileListener(f)
	if err != nil {
		f.Close()
		return nil, nil, handOver(err)
	}
	return ln.(*net.TCPListener), f, nil
}
