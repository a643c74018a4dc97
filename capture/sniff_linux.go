package capture

import (
	"errors"
	"net"
	"os"
	"slices"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Sniffer reads the packets of this host's interfaces from a packet socket.
// Next is for one goroutine; SetPorts, Stats and Close may be called from
// others.
type Sniffer struct {
	f   *os.File
	rc  syscall.RawConn
	all bool
	lo  map[int]bool // loopback interface indexes
	buf []byte
	oob []byte // control messages: the kernel's timestamp of each packet

	mu      sync.Mutex
	ports   []int
	seen    uint64
	dropped uint64

	// taking is held by Next from the read that takes a packet off the
	// socket until it returns it or skips it, so that Caught never sees a
	// packet in neither place; returned counts the packets Next returned.
	taking   sync.Mutex
	returned uint64
}

// Open opens a packet socket on every interface with the kernel filter
// opts asks for. Without the right to capture (root or CAP_NET_RAW) it
// fails with an error satisfying errors.Is(err, os.ErrPermission).
func Open(opts Config) (*Sniffer, error) {
	// Protocol 0 receives nothing until the bind below, after the filter
	// is attached: no unfiltered packet gets in meanwhile.
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	s := &Sniffer{all: opts.All, lo: map[int]bool{}, buf: make([]byte, SnapLen), oob: make([]byte, unix.CmsgSpace(int(unsafe.Sizeof(unix.Timespec{}))))}
	if ifs, err := net.Interfaces(); err == nil {
		for _, i := range ifs {
			if i.Flags&net.FlagLoopback != 0 {
				s.lo[i.Index] = true
			}
		}
	}
	// A large buffer rides out bursts; a failure keeps the default.
	if unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, 8<<20) != nil {
		unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, 8<<20)
	}
	// The time the kernel saw each packet, as tcpdump gives it: the time
	// socklab reads it may come much later, after a burst.
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1); err != nil {
		unix.Close(fd)
		return nil, os.NewSyscallError("setsockopt SO_TIMESTAMPNS", err)
	}
	if err := s.attach(fd, opts.Ports); err != nil {
		unix.Close(fd)
		return nil, err
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL)}); err != nil {
		unix.Close(fd)
		return nil, os.NewSyscallError("bind", err)
	}
	s.f = os.NewFile(uintptr(fd), "packet socket")
	if s.rc, err = s.f.SyscallConn(); err != nil {
		s.f.Close()
		return nil, err
	}
	return s, nil
}

// attach sets the kernel filter for ports on fd.
func (s *Sniffer) attach(fd int, ports []int) error {
	lo := 0
	for i := range s.lo {
		lo = i
	}
	prog, err := filter(lo, s.all, ports)
	if err != nil {
		return err
	}
	fp := unix.SockFprog{Len: uint16(len(prog)), Filter: (*unix.SockFilter)(unsafe.Pointer(&prog[0]))}
	if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fp); err != nil {
		return os.NewSyscallError("setsockopt SO_ATTACH_FILTER", err)
	}
	s.ports = slices.Clone(ports)
	return nil
}

// SetPorts replaces the ports the kernel filter keeps whole.
func (s *Sniffer) SetPorts(ports []int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.Equal(ports, s.ports) {
		return nil
	}
	var err error
	cerr := s.rc.Control(func(fd uintptr) { err = s.attach(int(fd), ports) })
	return errors.Join(cerr, err)
}

// Next returns the next packet. It fails with os.ErrClosed after Close.
// Packets that are not IP, and the loopback's outgoing copies, are skipped.
func (s *Sniffer) Next() (Packet, error) {
	for {
		var n, oobn int
		var from unix.Sockaddr
		var rerr error
		err := s.rc.Read(func(fd uintptr) bool {
			s.taking.Lock()
			n, oobn, _, from, rerr = unix.Recvmsg(int(fd), s.buf, s.oob, unix.MSG_TRUNC)
			if rerr != nil {
				s.taking.Unlock()
			}
			return rerr != unix.EAGAIN
		})
		if err != nil || rerr != nil {
			if err == nil {
				err = os.NewSyscallError("recvmsg", rerr)
			}
			return Packet{}, err
		}
		p, ok := s.decode(n, from, stamp(s.oob[:oobn]))
		if ok {
			s.returned++
		}
		s.taking.Unlock()
		if ok {
			return p, nil
		}
	}
}

// stamp returns the kernel's timestamp among the control messages oob, or
// now when there is none.
func stamp(oob []byte) time.Time {
	msgs, _ := unix.ParseSocketControlMessage(oob)
	for _, m := range msgs {
		if m.Header.Level == unix.SOL_SOCKET && m.Header.Type == unix.SCM_TIMESTAMPNS && len(m.Data) >= int(unsafe.Sizeof(unix.Timespec{})) {
			ts := *(*unix.Timespec)(unsafe.Pointer(&m.Data[0]))
			return time.Unix(ts.Unix())
		}
	}
	return time.Now()
}

// decode makes a Packet of the n bytes read from from at time at, or says
// to skip them (not IP, or the loopback's outgoing copy).
func (s *Sniffer) decode(n int, from unix.Sockaddr, at time.Time) (Packet, bool) {
	ll, _ := from.(*unix.SockaddrLinklayer)
	if ll != nil && ll.Pkttype == unix.PACKET_OUTGOING && s.lo[ll.Ifindex] {
		return Packet{}, false
	}
	data := slices.Clone(s.buf[:min(n, len(s.buf))])
	p, err := Decode(data, n)
	if err != nil {
		return Packet{}, false
	}
	p.Time = at
	if ll != nil {
		p.Iface = ll.Ifindex
		p.Outgoing = ll.Pkttype == unix.PACKET_OUTGOING
	}
	return p, true
}

// Caught returns how many packets Next has returned and whether the
// kernel holds no more for s: a packet that passed before the call is then
// among the n returned. A loopback packet is queued here before the system
// call that sent it returns.
func (s *Sniffer) Caught() (n uint64, empty bool) {
	s.taking.Lock()
	defer s.taking.Unlock()
	queued := 0
	s.rc.Control(func(fd uintptr) {
		queued, _ = unix.IoctlGetInt(int(fd), unix.SIOCINQ)
	})
	return s.returned, queued == 0
}

// Stats returns how many packets the kernel filter kept since Open, and
// how many of them the kernel dropped because socklab did not read them
// fast enough.
func (s *Sniffer) Stats() (seen, dropped uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rc.Control(func(fd uintptr) {
		if st, err := unix.GetsockoptTpacketStats(int(fd), unix.SOL_PACKET, unix.PACKET_STATISTICS); err == nil {
			// The kernel resets the counters on each read.
			s.seen += uint64(st.Packets)
			s.dropped += uint64(st.Drops)
		}
	})
	return s.seen, s.dropped
}

// Close closes the packet socket; a Next in progress returns.
func (s *Sniffer) Close() error { return s.f.Close() }

func htons(v uint16) uint16 { return v<<8 | v>>8 }
