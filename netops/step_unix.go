//go:build unix

package netops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// newStep makes the socket(2) call for [Table.Socket].
func (t *Table) newStep(proto, owner string) (*Socket, error) {
	fam, typ := family(proto, ""), unix.SOCK_STREAM
	if isUDP(proto) {
		typ = unix.SOCK_DGRAM
	}
	f, err := openSocket(fam, typ)
	tr := t.trace()
	if err != nil {
		tr.emit(Call{FD: -1, Name: "socket", Args: socketArgs(fam, typ), Err: err})
		return nil, &OpError{Op: "socket", Net: proto, Err: err}
	}
	s := newSocket(proto, KindStep, owner)
	s.keep = f
	t.add(s)
	k := s.kernel()
	tr.emit(Call{ID: s.ID, FD: k.FD, Name: "socket", Args: socketArgs(fam, typ), Result: fmt.Sprintf("fd %d", k.FD), State: k.State})
	return s, nil
}

// openSocket makes a close-on-exec, non-blocking socket and wraps it in an
// *os.File, so that Go's poller can wait on it (connect) and closing it is
// safe while another goroutine uses it.
func openSocket(fam, typ int) (*os.File, error) {
	fd, err := sysSocket(fam, typ)
	if err != nil {
		return nil, &SysError{Call: "socket", Errno: err.(syscall.Errno)}
	}
	return os.NewFile(uintptr(fd), "socket"), nil
}

// family returns the address family for proto and, for "tcp"/"udp", for
// family returns the address family for proto and, for "tcp"/"udp",
// the host of addr (see [wants6]).
func family(proto, host string) int {
	if wants6(proto, host) {
		return unix.AF_INET6
	}
	return unix.AF_INET
}

func socketArgs(fam, typ int) string {
	return socketCallArgs(fam == unix.AF_INET6, typ == unix.SOCK_DGRAM)
}

// sockaddr resolves "HOST:PORT" for a socket of family fam (see
// [resolveStep]).
func sockaddr(ctx context.Context, fam int, addr string) (unix.Sockaddr, error) {
	ap, err := resolveStep(ctx, fam == unix.AF_INET6, addr)
	if err != nil {
		return nil, err
	}
	if ap.Addr().Is4() && fam == unix.AF_INET {
		return &unix.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}, nil
	}
	return &unix.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()}, nil
}

// sockaddrString formats a socket address as HOST:PORT.
func sockaddrString(sa unix.Sockaddr) string {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return net.JoinHostPort(net.IP(a.Addr[:]).String(), fmt.Sprint(a.Port))
	case *unix.SockaddrInet6:
		return net.JoinHostPort(net.IP(a.Addr[:]).String(), fmt.Sprint(a.Port))
	}
	return ""
}

// control runs fn on s's descriptor; it fails when s is closed.
func (s *Socket) control(fn func(fd int)) error {
	if withFD(s.sysConn(), fn) != nil {
		return errClosedStep
	}
	return nil
}

// sockFamily returns the socket's address family, from getsockname.
func (s *Socket) sockFamily() int {
	fam := family(s.Proto, "")
	s.control(func(fd int) {
		switch sa, _ := unix.Getsockname(fd); sa.(type) {
		case *unix.SockaddrInet4:
			fam = unix.AF_INET
		case *unix.SockaddrInet6:
			fam = unix.AF_INET6
		}
	})
	return fam
}

// stepLocal returns a step socket's bound address, "" before bind.
func (s *Socket) stepLocal() string {
	a := ""
	s.control(func(fd int) {
		if sa, err := unix.Getsockname(fd); err == nil {
			if str := sockaddrString(sa); Port(str) != 0 {
				a = str
			}
		}
	})
	return a
}

// step runs one system call on s's descriptor and reports it to the trace.
func (s *Socket) step(name, args string, call func(fd int) error) (int, error) {
	fd := -1
	var err error
	if cerr := s.control(func(u int) { fd = u; err = call(u) }); cerr != nil {
		err = cerr
	}
	k := s.kernel()
	if err != nil {
		err = sysErr(name, err)
	}
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: name, Args: fmt.Sprintf("fd %d, %s", k.FD, args), Err: err, State: k.State})
	return fd, err
}

func (s *Socket) bind(addr string) (*Socket, error) {
	s = s.current()
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	sa, err := sockaddr(context.Background(), s.sockFamily(), addr)
	if err != nil {
		return nil, opErr("bind", s, addr, err)
	}
	if _, err := s.step("bind", sockaddrString(sa), func(fd int) error { return unix.Bind(fd, sa) }); err != nil {
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
	if backlog == 0 {
		backlog = defaultBacklog()
	}
	if _, err := s.step("listen", "backlog "+fmt.Sprint(backlog), func(fd int) error { return unix.Listen(fd, backlog) }); err != nil {
		return nil, opErr("listen", s, "", err)
	}
	s.table.note(s)
	if s.Kind != KindStep {
		return s, nil
	}
	n, err := s.table.convert(s, func() (*Socket, error) {
		ln, err := net.FileListener(s.keep)
		if err != nil {
			return nil, err
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
	sa, err := sockaddr(ctx, s.sockFamily(), addr)
	if err != nil {
		return nil, opErr("connect", s, addr, err)
	}
	s.table.notePeer(addr)
	if cerr := s.control(func(fd int) {
		if s.conn != nil {
			// A connection whose non-blocking connect Go completed: Linux
			// answers the first connect after such a one with success
			// (it only then marks the socket connected); settle that first
			// so that this call gets the answer a person expects.
			unix.Connect(fd, sa)
		}
		err = unix.Connect(fd, sa)
	}); cerr != nil {
		err = cerr
	}
	if errors.Is(err, unix.EINPROGRESS) || errors.Is(err, unix.EINTR) {
		err = s.waitConnected(ctx, sa, timeout)
	}
	k := s.kernel()
	err = sysErr("connect", err)
	res := ""
	if err == nil {
		res = "local " + s.stepLocal()
	}
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: "connect", Args: fmt.Sprintf("fd %d, %s", k.FD, sockaddrString(sa)), Result: res, Err: err, State: k.State, Proto: s.Proto})
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
			return nil, err
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

// waitConnected waits for a non-blocking connect to finish, as the net
// package does: until the socket is writable and SO_ERROR says how it went.
func (s *Socket) waitConnected(ctx context.Context, sa unix.Sockaddr, timeout time.Duration) error {
	rc, err := s.keep.SyscallConn()
	if err != nil {
		return err
	}
	return bounded(ctx, deadline(timeout), s.keep.SetWriteDeadline, func() error {
		var cerr error
		werr := rc.Write(func(u uintptr) bool {
			fd := int(u)
			n, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
			if err != nil {
				cerr = err
				return true
			}
			switch e := syscall.Errno(n); e {
			case 0:
				if _, err := unix.Getpeername(fd); err == nil {
					// Connect again, as C programs do, so the kernel marks
					// the socket connected: a later connect then fails with
					// EISCONN instead of succeeding once more.
					unix.Connect(fd, sa)
					return true
				}
				return false // not yet: wait until writable
			case unix.EINPROGRESS, unix.EALREADY, unix.EINTR:
				return false
			default:
				cerr = e
				return true
			}
		})
		if werr != nil {
			return werr
		}
		return cerr
	})
}

// misuse makes the call op on a step socket that is not ready for it, so
// that the person sees the kernel's own answer (ENOTCONN for recv before
// connect, EINVAL for accept before listen, ...). It returns nil for other
// sockets, or if the kernel unexpectedly has no complaint.
func (s *Socket) misuse(op string) error {
	if s.Kind != KindStep || s.keep == nil || s.moved.Load() != nil {
		return nil
	}
	var err error
	name := op
	cerr := s.control(func(fd int) {
		switch op {
		case "accept":
			var nfd int
			if nfd, _, err = unix.Accept(fd); err == nil {
				unix.Close(nfd)
			}
		case "send":
			err = unix.Sendto(fd, nil, unix.MSG_DONTWAIT|msgNoSignal, nil)
		case "recv":
			if isUDP(s.Proto) {
				return
			}
			_, _, err = unix.Recvfrom(fd, make([]byte, 1), unix.MSG_DONTWAIT|unix.MSG_PEEK)
		case "shutdown":
			err = unix.Shutdown(fd, unix.SHUT_WR)
		}
	})
	if cerr != nil || err == nil || errors.Is(err, unix.EAGAIN) {
		return nil
	}
	err = sysErr(name, err)
	k := s.kernel()
	s.table.trace().emit(Call{ID: s.ID, FD: k.FD, Name: name, Args: fdArg(k.FD), Err: err, State: k.State})
	return opErr(op, s, "", err)
}

// sendtoUnbound sends a datagram from a UDP step socket that was never
// bound, as sendto does in C and Python: the kernel first binds it to an
// ephemeral port on every address. The socket keeps that address and
// becomes an unconnected UDP socket, which receives the replies. ok is
// false when s is not such a socket.
func (s *Socket) sendtoUnbound(ctx context.Context, data []byte, addr string) (n int, ok bool, err error) {
	s = s.current()
	if s.Kind != KindStep || !isUDP(s.Proto) {
		return 0, false, nil
	}
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	sa, err := sockaddr(ctx, s.sockFamily(), addr)
	if err != nil {
		return 0, true, opErr("sendto", s, addr, err)
	}
	var serr error
	s.table.notePeer(addr)
	if cerr := s.control(func(u int) { serr = unix.Sendto(u, data, 0, sa) }); cerr != nil {
		serr = cerr
	}
	k := s.kernel()
	c := Call{ID: s.ID, FD: k.FD, Name: "sendto", Args: fmt.Sprintf("fd %d, %d bytes, %s", k.FD, len(data), sockaddrString(sa)), Proto: s.Proto}
	if serr != nil {
		c.Err = sysErr("sendto", serr)
		s.table.trace().emit(c)
		return 0, true, opErr("sendto", s, addr, c.Err)
	}
	c.Result = fmt.Sprintf("%d, local %s", len(data), s.stepLocal())
	s.table.trace().emit(c)
	s.table.note(s)
	conv, err := s.table.convert(s, s.packetSocket)
	if err != nil {
		return len(data), true, opErr("sendto", s, addr, err)
	}
	conv.out.Add(int64(len(data)))
	return len(data), true, nil
}

// packetSocket makes, from a step UDP socket's descriptor, the packet
// socket it becomes once bound or once it has sent (see Table.convert).
func (s *Socket) packetSocket() (*Socket, error) {
	pc, err := net.FilePacketConn(s.keep)
	if err != nil {
		return nil, err
	}
	n := newSocket(s.Proto, KindPacket, s.Owner)
	n.pc = pc.(*net.UDPConn)
	return n, nil
}
