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

	mu      sync.Mutex
	ports   []int
	seen    uint64
	dropped uint64
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
	s := &Sniffer{all: opts.All, lo: map[int]bool{}, buf: make([]byte, SnapLen)}
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
		var n int
		var from unix.Sockaddr
		var rerr error
		err := s.rc.Read(func(fd uintptr) bool {
			n, from, rerr = unix.Recvfrom(int(fd), s.buf, unix.MSG_TRUNC)
			return rerr != unix.EAGAIN
		})
		if err != nil {
			return Packet{}, err
		}
		if rerr != nil {
			return Packet{}, os.NewSyscallError("recvfrom", rerr)
		}
		ll, _ := from.(*unix.SockaddrLinklayer)
		if ll != nil && ll.Pkttype == unix.PACKET_OUTGOING && s.lo[ll.Ifindex] {
			continue
		}
		data := slices.Clone(s.buf[:min(n, len(s.buf))])
		p, err := Decode(data, n)
		if err != nil {
			continue
		}
		p.Time = time.Now()
		if ll != nil {
			p.Iface = ll.Ifindex
			p.Outgoing = ll.Pkttype == unix.PACKET_OUTGOING
		}
		return p, nil
	}
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
