//go:build unix

package netops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// sysOpen makes a close-on-exec, non-blocking socket and wraps it in an
// *os.File, so that Go's poller can wait on it (connect) and closing it is
// safe while another goroutine uses it.
func sysOpen(v6, dgram bool) (*os.File, error) {
	fam, typ := unix.AF_INET, unix.SOCK_STREAM
	if v6 {
		fam = unix.AF_INET6
	}
	if dgram {
		typ = unix.SOCK_DGRAM
	}
	fd, err := sysSocket(fam, typ)
	if err != nil {
		return nil, &SysError{Call: "socket", Errno: err.(syscall.Errno)}
	}
	return os.NewFile(uintptr(fd), "socket"), nil
}

// sys returns a as the system's socket address.
func (a stepAddr) sys() unix.Sockaddr {
	if !a.v6 {
		return &unix.SockaddrInet4{Port: int(a.ap.Port()), Addr: a.ap.Addr().As4()}
	}
	return &unix.SockaddrInet6{Port: int(a.ap.Port()), Addr: a.ap.Addr().As16()}
}

// sysLocal is getsockname on fd; ok is false when it gives no IP address.
func sysLocal(fd int) (ap netip.AddrPort, v6, ok bool) {
	switch a, _ := unix.Getsockname(fd); a := a.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port)), false, true
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port)), true, true
	}
	return netip.AddrPort{}, false, false
}

func sysBind(fd int, a stepAddr) error { return unix.Bind(fd, a.sys()) }

func sysListen(fd, backlog int) error { return unix.Listen(fd, backlog) }

// defaultBacklog is the backlog a listen without one gets, and how the
// trace shows it.
func defaultBacklog() (int, string) {
	b := somaxconn()
	return b, "backlog " + fmt.Sprint(b)
}

// handOver says why Go's runtime did not take a socket (net.FileListener,
// FileConn, FilePacketConn): here only for want of a descriptor, which the
// error says.
func handOver(err error) error { return err }

// goListen leaves every listen to listenTCP's own calls here.
func goListen(context.Context, string, string, int, *Trace) (*net.TCPListener, bool, error) {
	return nil, false, nil
}

// reuseAddr sets SO_REUSEADDR on a listener's socket, as nc and Python's
// socketserver do, so that a server can be restarted on its port at once.
func reuseAddr(fd int, tr *Trace) error {
	err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	tr.emit(Call{FD: fd, Name: "setsockopt", Args: "SO_REUSEADDR, 1", Err: sysErr("setsockopt", err)})
	return err
}

// sysConnect makes the connect call and, the socket being non-blocking,
// waits for the handshake as the net package does.
func (s *Socket) sysConnect(ctx context.Context, a stepAddr, timeout time.Duration) error {
	sa := a.sys()
	var err error
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
		return cerr
	}
	if errors.Is(err, unix.EINPROGRESS) || errors.Is(err, unix.EINTR) {
		err = s.waitConnected(ctx, sa, timeout)
	}
	return err
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
	a, err := resolveFor(ctx, s.sockIs6(), addr)
	if err != nil {
		return 0, true, opErr("sendto", s, addr, err)
	}
	var serr error
	s.table.notePeer(addr)
	if cerr := s.control(func(u int) { serr = unix.Sendto(u, data, 0, a.sys()) }); cerr != nil {
		serr = cerr
	}
	k := s.kernel()
	c := Call{ID: s.ID, FD: k.FD, Name: "sendto", Args: fmt.Sprintf("fd %d, %s, %s", k.FD, bytesText(len(data)), a), Proto: s.Proto}
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
