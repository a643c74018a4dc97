package capture

import (
	"encoding/binary"
	"net"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// ipv4 wraps payload in an IPv4 header of protocol proto, lengths right.
func ipv4(t *testing.T, proto layers.IPProtocol, payload []byte) []byte {
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: proto, SrcIP: net.IPv4(127, 0, 0, 1), DstIP: net.IPv4(127, 0, 0, 1)}
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true}, ip, gopacket.Payload(payload)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDecodeMalformed: a TCP header cut short, one whose data offset runs
// past the packet, and a UDP header claiming more bytes than the packet
// holds are marked Malformed, and the tracker draws no analysis (no
// ZeroWindow) from their zero fields; a sound segment is not marked.
func TestDecodeMalformed(t *testing.T) {
	short := ipv4(t, layers.IPProtocolTCP, make([]byte, 12))
	seg := segment(t, 40000, 8888, 1, 1, ACK, 512, "")
	offset := append([]byte(nil), seg...)
	offset[20+12] = 15 << 4 // data offset 60 bytes in a 20-byte segment
	udp := make([]byte, 12)
	binary.BigEndian.PutUint16(udp[0:], 5000)
	binary.BigEndian.PutUint16(udp[2:], 6000)
	binary.BigEndian.PutUint16(udp[4:], 9999) // 9999 bytes claimed, 4 carried
	badUDP := ipv4(t, layers.IPProtocolUDP, udp)

	tr := NewTracker()
	for _, c := range []struct {
		name      string
		b         []byte
		proto     string
		malformed bool
		len       int
	}{
		{"tcp header cut short", short, "tcp", true, 0},
		{"tcp data offset past the packet", offset, "tcp", true, 0},
		{"udp length past the packet", badUDP, "udp", true, 4},
		{"sound segment", seg, "tcp", false, 0},
	} {
		p, err := Decode(c.b, len(c.b))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.Proto != c.proto || p.Malformed != c.malformed || p.Len != c.len {
			t.Errorf("%s: proto %q malformed %v len %d; want %q %v %d", c.name, p.Proto, p.Malformed, p.Len, c.proto, c.malformed, c.len)
		}
		if s := tr.Add(p); c.malformed && (s.ZeroWindow || s.Retransmission || s.KeepAlive) {
			t.Errorf("%s: the tracker analysed it: %+v", c.name, s)
		}
	}
}

// ipv6 wraps payload in an IPv6 header whose next header is next.
func ipv6(t *testing.T, next layers.IPProtocol, payload []byte) []byte {
	ip := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: next, SrcIP: net.IPv6loopback, DstIP: net.IPv6loopback}
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true}, ip, gopacket.Payload(payload)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDecodePartial: packets whose TCP or UDP header cannot be read whole
// keep the ports they hold and say why the rest is missing: malformed,
// cut by the capture ([Packet size limited during capture]) or an IP
// fragment; the tracker draws nothing from them (a fragment's zero fields
// were a [TCP ZeroWindow]).
func TestDecodePartial(t *testing.T) {
	seg := segment(t, 40000, 8888, 1, 1, ACK, 0, "")
	frag := func(flagsOff uint16) []byte { // seg as an IPv4 fragment
		b := append([]byte(nil), seg...)
		binary.BigEndian.PutUint16(b[6:], flagsOff)
		return b
	}
	offset := append([]byte(nil), seg...)
	offset[20+12] = 15 << 4
	shortUDP := make([]byte, 12)
	binary.BigEndian.PutUint16(shortUDP[0:], 5000)
	binary.BigEndian.PutUint16(shortUDP[2:], 6000)
	binary.BigEndian.PutUint16(shortUDP[4:], 3)                            // under the header's 8 bytes
	frag6 := []byte{byte(layers.IPProtocolTCP), 0, 0, 1, 0xca, 0xfe, 0, 1} // offset 0, more fragments
	frag6 = append(frag6, seg[20:]...)

	type want struct {
		proto                          string
		malformed, truncated, fragment bool
		sport, dport                   uint16
		noPorts                        bool
		fragOff                        int
	}
	for _, c := range []struct {
		name    string
		b       []byte
		origLen int // 0 for len(b)
		want    want
	}{
		{"tcp header of 12 bytes", ipv4(t, layers.IPProtocolTCP, seg[20:32]), 0, want{proto: "tcp", malformed: true, sport: 40000, dport: 8888}},
		{"tcp header of 2 bytes", ipv4(t, layers.IPProtocolTCP, seg[20:22]), 0, want{proto: "tcp", malformed: true, noPorts: true}},
		{"tcp data offset past the packet", offset, 0, want{proto: "tcp", malformed: true, sport: 40000, dport: 8888}},
		{"tcp header cut by the capture", seg[:30], len(seg), want{proto: "tcp", truncated: true, sport: 40000, dport: 8888}},
		{"udp length under 8", ipv4(t, layers.IPProtocolUDP, shortUDP), 0, want{proto: "udp", malformed: true, sport: 5000, dport: 6000}},
		{"ipv6 tcp header of 12 bytes", ipv6(t, layers.IPProtocolTCP, seg[20:32]), 0, want{proto: "tcp", malformed: true, sport: 40000, dport: 8888}},
		{"first ipv4 fragment", frag(0x2000), 0, want{proto: "tcp", fragment: true, noPorts: true}},
		{"later ipv4 fragment", frag(3), 0, want{proto: "tcp", fragment: true, noPorts: true, fragOff: 24}},
		{"ipv6 fragment", ipv6(t, layers.IPProtocolIPv6Fragment, frag6), 0, want{proto: "tcp", fragment: true, noPorts: true}},
		{"icmp", ipv4(t, layers.IPProtocolICMPv4, []byte{8, 0, 0, 0, 0, 1, 0, 1}), 0, want{proto: "icmpv4", noPorts: true}},
	} {
		orig := c.origLen
		if orig == 0 {
			orig = len(c.b)
		}
		p, err := Decode(c.b, orig)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := want{p.Proto, p.Malformed, p.Truncated, p.Fragment, p.Src.Port(), p.Dst.Port(), p.NoPorts, p.FragOffset}
		if got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
		if p.Partial() != (c.want.malformed || c.want.truncated || c.want.fragment) {
			t.Errorf("%s: Partial() = %v", c.name, p.Partial())
		}
		if s := NewTracker().Add(p); s.ZeroWindow || s.Retransmission || s.KeepAlive {
			t.Errorf("%s: the tracker analysed it: %+v", c.name, s)
		}
	}
}
