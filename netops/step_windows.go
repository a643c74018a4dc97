package netops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// winSOMAXCONN is listen's "as many as the system allows" on Windows.
const winSOMAXCONN = 0x7fffffff

// sysOpen makes an overlapped, non-inheritable socket (as Go's net package
// makes them, so that it can take it over) in an *os.File.
func sysOpen(v6, dgram bool) (*os.File, error) {
	fam, typ, proto := windows.AF_INET, windows.SOCK_STREAM, windows.IPPROTO_TCP
	if v6 {
		fam = windows.AF_INET6
	}
	if dgram {
		typ, proto = windows.SOCK_DGRAM, windows.IPPROTO_UDP
	}
	h, err := windows.WSASocket(int32(fam), int32(typ), int32(proto), nil, 0, windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		return nil, sysErr("socket", err)
	}
	return os.NewFile(uintptr(h), "socket"), nil
}

// sys returns a as Winsock's socket address.
func (a stepAddr) sys() windows.Sockaddr {
	if !a.v6 {
		return &windows.SockaddrInet4{Port: int(a.ap.Port()), Addr: a.ap.Addr().As4()}
	}
	return &windows.SockaddrInet6{Port: int(a.ap.Port()), Addr: a.ap.Addr().As16()}
}

// sysLocal is getsockname on fd; ok is false when it gives no IP address.
func sysLocal(fd int) (ap netip.AddrPort, v6, ok bool) {
	sa, err := windows.Getsockname(windows.Handle(fd))
	if err != nil {
		return netip.AddrPort{}, false, false
	}
	_, v6 = sa.(*windows.SockaddrInet6)
	ap, ok = winSockaddr(sa)
	return ap, v6, ok
}

func sysBind(fd int, a stepAddr) error { return windows.Bind(windows.Handle(fd), a.sys()) }

func sysListen(fd, backlog int) error { return windows.Listen(windows.Handle(fd), backlog) }

// defaultBacklog is the backlog a listen without one gets, and how the
// trace shows it.
func defaultBacklog() (int, string) { return winSOMAXCONN, "SOMAXCONN" }

// handOver says why net.FileListener (FileConn, FilePacketConn) failed.
func handOver(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w (%v)", ErrNoHandOver, causeText(err))
}

// goListen makes a listen with no backlog Go's own listener (bind and
// listen(SOMAXCONN) in one); with a backlog, listenTCP makes the calls
// itself and hands the socket to Go (see [ErrNoHandOver]).
func goListen(ctx context.Context, proto, addr string, backlog int, tr *Trace) (*net.TCPListener, bool, error) {
	if backlog > 0 {
		return nil, false, nil
	}
	fd := -1
	lc := net.ListenConfig{Control: controlTrace(tr, &fd)}
	ln, err := lc.Listen(ctx, proto, addr)
	if fd >= 0 {
		tr.emit(bindCall(fd, addr, err)) // bind and listen come as one call here
	}
	if se := (*os.SyscallError)(nil); errors.As(err, &se) {
		err = sysErr(se.Syscall, se.Err) // named as listenTCP's own calls name it: (EADDRINUSE, Windows WSAEADDRINUSE 10048)
	}
	if err != nil {
		return nil, true, err
	}
	tr.emit(Call{FD: fd, Name: "listen", Args: fmt.Sprintf("fd %d, SOMAXCONN", fd), State: "LISTEN"})
	return ln.(*net.TCPListener), true, nil
}

// reuseAddr sets no SO_REUSEADDR on Windows: there it would let the port be
// taken from a live socket (Go's net package does not set it either).
func reuseAddr(int, *Trace) error { return nil }

// sysConnect makes the connect call. Winsock's connect on a blocking socket
// waits for the handshake, so it runs in its own goroutine: an ended ctx
// or timeout returns at once and leaves the attempt to the system, as a C
// program's interrupted connect does (a later connect then gets
// WSAEALREADY or WSAEISCONN).
func (s *Socket) sysConnect(ctx context.Context, a stepAddr, timeout time.Duration) error {
	sa := a.sys()
	done := make(chan error, 1)
	if cerr := s.control(func(fd int) {
		h := windows.Handle(fd)
		go func() { done <- windows.Connect(h, sa) }()
	}); cerr != nil {
		return cerr
	}
	var tc <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		tc = t.C
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-tc:
		return &TimeoutError{After: timeout}
	}
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
