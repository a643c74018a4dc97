package netops

import (
	"encoding/binary"
	"fmt"

	"golang.org/x/sys/unix"
)

// Sizes and offsets of the kernel's sock_diag structures
// (linux/inet_diag.h), which golang.org/x/sys does not define.
const (
	diagReqLen    = 56 // struct inet_diag_req_v2
	diagMsgLen    = 72 // struct inet_diag_msg
	diagMsgWqueue = 60 // idiag_wqueue: for a listener, its backlog
	diagMsgInode  = 68 // idiag_inode
	tcpListen     = 10 // TCP_LISTEN
	diagMaxMsgs   = 1 << 20
)

// listenBacklogs asks the kernel (sock_diag netlink, as ss does; no
// privileges needed) for every TCP listener of this network namespace and
// returns the backlog of each, by socket inode. /proc/net/tcp does not say.
func listenBacklogs() (map[uint64]int, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
	if err != nil {
		return nil, fmt.Errorf("sock_diag: %w", err)
	}
	defer unix.Close(fd)
	tv := unix.Timeval{Sec: 2} // the kernel answers at once; never wait forever
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return nil, fmt.Errorf("sock_diag: %w", err)
	}
	out := map[uint64]int{}
	for seq, family := range []uint8{unix.AF_INET, unix.AF_INET6} {
		if err := diagDump(fd, uint32(seq+1), family, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// diagDump sends one SOCK_DIAG_BY_FAMILY dump request for the TCP
// listeners of family and adds their backlogs to out.
func diagDump(fd int, seq uint32, family uint8, out map[uint64]int) error {
	req := make([]byte, unix.SizeofNlMsghdr+diagReqLen)
	ne := binary.NativeEndian
	ne.PutUint32(req[0:], uint32(len(req)))
	ne.PutUint16(req[4:], unix.SOCK_DIAG_BY_FAMILY)
	ne.PutUint16(req[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	ne.PutUint32(req[8:], seq)
	body := req[unix.SizeofNlMsghdr:]
	body[0], body[1] = family, unix.IPPROTO_TCP
	ne.PutUint32(body[4:], 1<<tcpListen) // idiag_states
	if err := unix.Sendto(fd, req, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return fmt.Errorf("sock_diag: %w", err)
	}
	buf := make([]byte, 32<<10)
	for seen := 0; seen < diagMaxMsgs; {
		n, _, err := unix.Recvfrom(fd, buf, 0)
		if err != nil {
			return fmt.Errorf("sock_diag: %w", err)
		}
		done, msgs, err := diagParse(buf[:n], seq, out)
		if done || err != nil {
			return err
		}
		seen += msgs
	}
	return fmt.Errorf("sock_diag: more than %d messages", diagMaxMsgs)
}

// diagParse reads one datagram of the kernel's answer to dump request seq,
// adding the listeners' backlogs to out. It returns whether the answer is
// complete, and how many messages the datagram held.
func diagParse(b []byte, seq uint32, out map[uint64]int) (done bool, msgs int, err error) {
	ne := binary.NativeEndian
	for ; len(b) >= unix.SizeofNlMsghdr; msgs++ {
		l := int(ne.Uint32(b[0:]))
		if l < unix.SizeofNlMsghdr || l > len(b) {
			return false, msgs, fmt.Errorf("sock_diag: a message of %d bytes in %d", l, len(b))
		}
		typ, mseq, data := ne.Uint16(b[4:]), ne.Uint32(b[8:]), b[unix.SizeofNlMsghdr:l]
		b = b[min((l+3)&^3, len(b)):]
		if mseq != seq {
			continue
		}
		switch typ {
		case unix.NLMSG_DONE:
			return true, msgs, nil
		case unix.NLMSG_ERROR:
			if len(data) >= 4 {
				if e := int32(ne.Uint32(data)); e < 0 {
					return true, msgs, fmt.Errorf("sock_diag: %w", unix.Errno(-e))
				}
			}
			return true, msgs, nil
		case unix.SOCK_DIAG_BY_FAMILY:
			if len(data) >= diagMsgLen && data[1] == tcpListen {
				out[uint64(ne.Uint32(data[diagMsgInode:]))] = int(ne.Uint32(data[diagMsgWqueue:]))
			}
		}
	}
	return false, msgs, nil
}
