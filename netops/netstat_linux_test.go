package netops

import (
	"encoding/binary"
	"net/netip"
	"testing"

	"golang.org/x/sys/unix"
)

// FuzzParseProcLine: any line of /proc/net/tcp, cut short or garbled,
// is either refused or read into an entry whose addresses are addresses.
func FuzzParseProcLine(f *testing.F) {
	f.Add("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0")
	f.Add("   1: 00000000000000000000000001000000:22B8 00000000000000000000000000000000:0000 01 00000010:00000000 00:00000000 00000000  1000        0 999")
	f.Add("0: 0100007F: :1F90 FF 1:2 3 4 5 6 -1")
	f.Fuzz(func(t *testing.T, line string) {
		for _, proto := range []string{"tcp", "udp6"} {
			e, ok := parseProcLine(proto, line)
			if !ok {
				continue
			}
			for _, a := range []string{e.Local, e.Remote} {
				if _, err := netip.ParseAddrPort(a); err != nil && a != "*:*" {
					t.Fatalf("%q read as address %q", line, a)
				}
			}
			if e.SendQ < 0 || e.RecvQ < 0 {
				t.Fatalf("%q read as queues %d %d", line, e.SendQ, e.RecvQ)
			}
		}
	})
}

// FuzzDiagParse: any datagram as the kernel's sock_diag answer, cut short
// or garbled, is read without a panic, and a message that claims more
// bytes than the datagram holds is refused.
func FuzzDiagParse(f *testing.F) {
	msg := func(typ uint16, seq uint32, data []byte) []byte {
		b := make([]byte, unix.SizeofNlMsghdr, unix.SizeofNlMsghdr+len(data)+3)
		binary.NativeEndian.PutUint32(b[0:], uint32(len(b)+len(data)))
		binary.NativeEndian.PutUint16(b[4:], typ)
		binary.NativeEndian.PutUint32(b[8:], seq)
		b = append(b, data...)
		return append(b, make([]byte, (4-len(b)%4)%4)...)
	}
	listener := make([]byte, diagMsgLen)
	listener[1] = tcpListen
	binary.NativeEndian.PutUint32(listener[diagMsgWqueue:], 4096)
	binary.NativeEndian.PutUint32(listener[diagMsgInode:], 777)
	f.Add(append(msg(unix.SOCK_DIAG_BY_FAMILY, 1, listener), msg(unix.NLMSG_DONE, 1, []byte{0, 0, 0, 0})...), uint32(1))
	f.Add(msg(unix.NLMSG_ERROR, 1, []byte{0xff, 0xff, 0xff, 0xff}), uint32(1))
	f.Add([]byte{0xff, 0xff, 0, 0, 20, 0}, uint32(1))
	f.Fuzz(func(t *testing.T, b []byte, seq uint32) {
		out := map[uint64]int{}
		_, msgs, err := diagParse(b, seq, out)
		if msgs > len(b)/unix.SizeofNlMsghdr || (err == nil && len(out) > msgs) {
			t.Fatalf("%d messages, %d listeners in %d bytes", msgs, len(out), len(b))
		}
	})
}
