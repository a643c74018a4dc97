package repl

import (
	"encoding/binary"
	"net/netip"
	"strings"
	"testing"

	"github.com/socklab/socklab/capture"
)

// rawIPv4 is an IPv4 packet from 127.0.0.1 to itself of protocol proto,
// IP identification 7 and flags/fragment offset frag, carrying body.
func rawIPv4(proto byte, frag uint16, body []byte) []byte {
	b := make([]byte, 20, 20+len(body))
	b[0], b[8], b[9] = 0x45, 64, proto
	binary.BigEndian.PutUint16(b[2:], uint16(20+len(body)))
	binary.BigEndian.PutUint16(b[4:], 7)
	binary.BigEndian.PutUint16(b[6:], frag)
	copy(b[12:], []byte{127, 0, 0, 1, 127, 0, 0, 1})
	return append(b, body...)
}

// tcpHeader is a 20-byte TCP header 40000 → 8888, ACK, window 0.
func tcpHeader() []byte {
	h := make([]byte, 20)
	binary.BigEndian.PutUint16(h[0:], 40000)
	binary.BigEndian.PutUint16(h[2:], 8888)
	h[12], h[13] = 5<<4, 0x10
	return h
}

// TestPartialPacketLines: packets whose TCP or UDP header was not read
// whole are shown as Wireshark marks them, with the ports they hold (the
// addresses when none), and never with flags, numbers or analysis made
// up from zero fields ("0 → 0 [TCP ZeroWindow] [] Seq=0 Win=0 Len=0");
// explain says what each means, and a ladder draws no state from them.
func TestPartialPacketLines(t *testing.T) {
	udp := make([]byte, 12)
	binary.BigEndian.PutUint16(udp[0:], 5000)
	binary.BigEndian.PutUint16(udp[2:], 6000)
	binary.BigEndian.PutUint16(udp[4:], 9999)
	whole := rawIPv4(6, 0, tcpHeader())
	for _, c := range []struct {
		name     string
		b        []byte
		origLen  int // 0 for len(b)
		line     string
		explains string
	}{
		{"first fragment", rawIPv4(6, 0x2000, tcpHeader()), 0, "127.0.0.1 → 127.0.0.1 Fragmented IP protocol (proto=TCP, off=0, ID=0007)", "an IP fragment (from byte 0"},
		{"later fragment", rawIPv4(6, 3, []byte("abcdefgh")), 0, "127.0.0.1 → 127.0.0.1 Fragmented IP protocol (proto=TCP, off=24, ID=0007)", "an IP fragment (from byte 24"},
		{"tcp header of 12 bytes", rawIPv4(6, 0, tcpHeader()[:12]), 0, "40000 → 8888 TCP [Malformed Packet]", "a malformed packet"},
		{"tcp header of 2 bytes", rawIPv4(6, 0, tcpHeader()[:2]), 0, "127.0.0.1 → 127.0.0.1 TCP [Malformed Packet]", "a malformed packet"},
		{"tcp header cut by the capture", whole[:30], len(whole), "40000 → 8888 TCP [Packet size limited during capture]", "cut by the capture"},
		{"udp claiming 9999 bytes", rawIPv4(17, 0, udp), 0, "5000 → 6000 UDP [Malformed Packet] Len=4", "a malformed packet"},
		{"icmp", rawIPv4(1, 0, []byte{8, 0, 0, 0, 0, 1, 0, 1}), 0, "127.0.0.1 → 127.0.0.1 ICMPV4", ""},
	} {
		orig := c.origLen
		if orig == 0 {
			orig = len(c.b)
		}
		p, err := capture.Decode(c.b, orig)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		seen := capture.NewTracker().Add(p)
		conv := &conversation{ids: map[netip.AddrPort]int{}}
		conv.steps = append(conv.steps, seen)
		line := strings.TrimSpace((&Session{}).packetLine(&capturing{}, conv, &seen))
		if _, got, _ := strings.Cut(line, " "); got != c.line {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.line)
		}
		if e := explainPacket(conv, &seen); !strings.HasPrefix(e, c.explains) || (c.explains == "") != (e == "") {
			t.Errorf("%s: explained as %q, want %q...", c.name, e, c.explains)
		}
		if v := ladderOf(conv); len(v.rungs) != 1 || v.start != [2]string{} || v.rungs[0].states != [2]string{} || strings.HasSuffix(v.titles[0], ":0") || strings.Contains(v.rungs[0].label, "Seq=") {
			t.Errorf("%s: ladder %+v", c.name, v)
		}
	}
}

// TestExplainDataIsStream: explain does not call a TCP segment "one send":
// TCP keeps no message boundaries (a segment may carry part of a send or
// several), the lesson the lab sheet teaches with "abc" and "def" read as
// "abcdef".
func TestExplainDataIsStream(t *testing.T) {
	conv := scripted([]pk{{true, pshAck, 1, 1, 6}})
	e := explainPacket(conv, &conv.steps[0])
	if strings.Contains(e, "from one send") || !strings.Contains(e, "no message boundaries") {
		t.Fatalf("a 6-byte segment is explained as %q", e)
	}
}

// TestExplainWindowProbe: a probe of a zero window is not explained as
// SO_KEEPALIVE's.
func TestExplainWindowProbe(t *testing.T) {
	conv := scripted([]pk{{true, ack, 3, 1, 0}})
	conv.steps[0].KeepAlive, conv.steps[0].WindowProbe = true, true
	if e := explainPacket(conv, &conv.steps[0]); strings.Contains(e, "SO_KEEPALIVE") || !strings.Contains(e, "zero-window probe") {
		t.Fatalf("a zero-window probe is explained as %q", e)
	}
}
