package netops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// winSOMAXCONN is listen's "as many as the system allows" on Windows.
const winSOMAXCONN = 0x7fffffff

// newStep makes the socket call (WSASocket) for [Table.Socket].
func (t *Table) newStep(proto, owner string) (*Socket, error) {
	fam, typ, pr := winFamily(proto, ""), windows.SOCK_STREAM, windows.IPPROTO_TCP
	if isUDP(proto) {
		typ, pr = windows.SOCK_DGRAM, windows.IPPROTO_UDP
	}
	f, err := openWinSocket(fam, typ, pr)
	tr := t.trace()
	if err != nil {
		tr.emit(Call{FD: -1, Name: "socket", Args: winSocketArgs(fam, typ), Err: err})
		return nil, &OpError{Op: "socket", Net: proto, Err: err}
	}
	s := newSocket(proto, KindStep, owner)
	s.keep = f
	t.add(s)
	k := s.kernel()
	tr.emit(Call{ID: s.ID, FD: k.FD, Name: "socket", Args: winSocketArgs(fam, typ), Result: fmt.Sprintf("fd %d", k.FD), State: k.State})
	return s, nil
}

// openWinSocket makes an overlapped, non-inheritable socket (as Go's net
// package makes them, so that it can take it over) in an *os.File.
func openWinSocket(fam, typ, proto int) (*os.File, error) {
	h, err := windows.WSASocket(int32(fam), int32(typ), int32(proto), nil, 0, windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		return nil, sysErr("socket", err)
	}
	return os.NewFile(uintptr(h), "socket"), nil
}

// winFamily returns the address family for proto and, for "tcp"/"udp",
// winFamily returns the address family for proto and, for "tcp"/"udp",
// the host of its address (see [wants6]).
func winFamily(proto, host string) int {
	if wants6(proto, host) {
		return windows.AF_INET6
	}
	return windows.AF_INET
}

func winSocketArgs(fam, typ int) string {
	return socketCallArgs(fam == windows.AF_INET6, typ == windows.SOCK_DGRAM)
}

// winResolve resolves "HOST:PORT" for a socket of family fam (see
// [resolveStep]).
func winResolve(ctx context.Context, fam int, addr string) (windows.Sockaddr, error) {
	ap, err := resolveStep(ctx, fam == windows.AF_INET6, addr)
	if err != nil {
		return nil, err
	}
	if ap.Addr().Is4() && fam == windows.AF_INET {
		return &windows.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}, nil
	}
	return &windows.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()}, nil
}

// winSockaddrString formats a socket address as HOST:PORT.
func winSockaddrString(sa windows.Sockaddr) string {
	if a, ok := winSockaddr(sa); ok {
		return a.String()
	}
	return ""
}

// control runs fn on s's handle; it fails when s is closed.
func (s *Socket) control(fn func(fd int)) error {
	if withFD(s.sysConn(), fn) != nil {
		return errClosedStep
	}
	return nil
}

// sockFamily returns the socket's address family, from getsockname.
func (s *Socket) sockFamily() int {
	fam := winFamily(s.Proto, "")
	s.control(func(fd int) {
		if sa, err := windows.Getsockname(windows.Handle(fd)); err == nil {
			if _, v6 := sa.(*windows.SockaddrInet6); v6 {
				fam = windows.AF_INET6
			} else {
				fam = windows.AF_INET
			}
		}
	})
	return fam
}

// stepLocal returns a step socket's bound address, "" before bind.
func (s *Socket) stepLocal() string {
	a := ""
	s.control(func(fd int) {
		if sa, err := windows.Getsockname(windows.Handle(fd)); err == nil {
			if str := winSockaddrString(sa); Port(str) != 0 {
				a = str
			}
		}
	})
	return a
}

// step runs one call on s's handle and reports it to the trace.
func (s *Socket) step(name, args string, call func(h windows.Handle) error) error {
	var err error
	if cerr := s.control(func(u int) { err = call(windows.Handle(u)) }); cerr != nil {
		err = cerr
	}
	k := s.kernel()
	err = sysErr(name, err)
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: name, Args: fmt.Sprintf("fd %d, %s", k.FD, args), Err: err, State: k.State, Proto: s.Proto})
	return err
}

// handOver says why net.FileListener (FileConn, FilePacketConn) failed.
func handOver(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w (%v)", ErrNoHandOver, causeText(err))
}

func (s *Socket) bind(addr string) (*Socket, error) {
	s = s.current()
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	sa, err := winResolve(context.Background(), s.sockFamily(), addr)
	if err != nil {
		return nil, opErr("bind", s, addr, err)
	}
	if err := s.step("bind", winSockaddrString(sa), func(h windows.Handle) error { return windows.Bind(h, sa) }); err != nil {
		return nil, opErr("bind", s, addr, err)
	}
	s.table.note(s)
	if s.Kind != KindStep || !isUDP(s.Proto) {
		return s, nil
	}
	n, err := s.table.convert(s, func() (*Socket, error) {
		pc, err := net.FilePacketConn(s.keep)
		if err != nil {
			return nil, handOver(err)
		}
		n := newSocket(s.Proto, KindPacket, s.Owner)
		n.pc = pc.(*net.UDPConn)
		return n, nil
	})
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
		backlog, arg = winSOMAXCONN, "SOMAXCONN"
	}
	if err := s.step("listen", arg, func(h windows.Handle) error { return windows.Listen(h, backlog) }); err != nil {
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

// connect makes the connect call. Winsock's connect on a blocking socket
// waits for the handshake, so it runs in its own goroutine: an ended ctx
// or timeout returns at once and leaves the attempt to the system, as a C
// program's interrupted connect does (a later connect then gets
// WSAEALREADY or WSAEISCONN).
func (s *Socket) connect(ctx context.Context, addr string, timeout time.Duration) (*Socket, error) {
	s = s.current()
	if s.pc != nil {
		return nil, opErr("connect", s, addr, &KindError{Op: "connect", ID: s.ID, Kind: s.Kind, Need: "unbound"})
	}
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	sa, err := winResolve(ctx, s.sockFamily(), addr)
	if err != nil {
		return nil, opErr("connect", s, addr, err)
	}
	done := make(chan error, 1)
	if cerr := s.control(func(fd int) {
		h := windows.Handle(fd)
		go func() { done <- windows.Connect(h, sa) }()
	}); cerr != nil {
		return nil, opErr("connect", s, addr, cerr)
	}
	var tc <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		tc = t.C
	}
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	case <-tc:
		err = &TimeoutError{After: timeout}
	}
	k := s.kernel()
	err = sysErr("connect", err)
	res := ""
	if err == nil {
		res = "local " + s.stepLocal()
	}
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: "connect", Args: fmt.Sprintf("fd %d, %s", k.FD, winSockaddrString(sa)), Result: res, Err: err, State: k.State, Proto: s.Proto})
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
	return n, nil
}

// procAccept is Winsock's accept, which golang.org/x/sys/windows does not
// wrap.
var procAccept = windows.NewLazySystemDLL("ws2_32.dll").NewProc("accept")

// misuse makes the call op on a step socket that is not ready for it, so
// that the person sees Winsock's own answer (WSAENOTCONN for send, recv
// and shutdown before connect, WSAEINVAL for accept before listen). Winsock
// has no call that never waits (Linux's MSG_DONTWAIT), so a call is made
// only in a state where Winsock answers at once: not connected, not
// connecting, not listening. It returns nil for other sockets, or if
// Winsock unexpectedly has no complaint.
func (s *Socket) misuse(op string) error {
	if s.Kind != KindStep || s.keep == nil || s.moved.Load() != nil {
		return nil
	}
	k := s.kernel()
	if k.State != "" && k.State != "CLOSE" || s.stepLocal() != "" && isUDP(s.Proto) {
		return nil
	}
	var err error
	cerr := s.control(func(fd int) {
		h := windows.Handle(fd)
		switch op {
		case "accept":
			r, _, e := procAccept.Call(uintptr(h), 0, 0)
			if windows.Handle(r) != windows.InvalidHandle {
				windows.Closesocket(windows.Handle(r))
				return
			}
			err = e
		case "send": // nothing is sent: a zero-byte send
			var b [1]byte
			buf := windows.WSABuf{Len: 0, Buf: &b[0]}
			var n uint32
			err = windows.WSASend(h, &buf, 1, &n, 0, nil, nil)
		case "recv":
			if isUDP(s.Proto) {
				return
			}
			var b [1]byte
			buf := windows.WSABuf{Len: 1, Buf: &b[0]}
			var n uint32
			flags := uint32(windows.MSG_PEEK)
			err = windows.WSARecv(h, &buf, 1, &n, &flags, nil, nil)
		case "shutdown":
			err = windows.Shutdown(h, windows.SHUT_WR)
		}
	})
	if cerr != nil || err == nil || errors.Is(err, windows.WSAEWOULDBLOCK) {
		return nil
	}
	err = sysErr(op, err)
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: op, Args: fdArg(k.FD), Err: err, State: k.State})
	return opErr(op, s, "", err)
}
