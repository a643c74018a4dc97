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
