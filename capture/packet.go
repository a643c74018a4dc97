package capture

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"strings"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// Flags are a TCP segment's control bits.
type Flags uint8

// The TCP flags a [Packet] carries.
const (
	FIN Flags = 1 << iota
	SYN
	RST
	PSH
	ACK
	URG
	ECE
	CWR
)

// Has reports whether every flag of g is set in f.
func (f Flags) Has(g Flags) bool { return f&g == g }

// Names returns the set flags as Wireshark writes them, in its order:
// "SYN", "SYN, ACK", "FIN, ACK", "PSH, ACK", "RST".
func (f Flags) Names() []string {
	var l []string
	for _, x := range []struct {
		f    Flags
		name string
	}{{CWR, "CWR"}, {ECE, "ECE"}, {URG, "URG"}, {FIN, "FIN"}, {SYN, "SYN"}, {RST, "RST"}, {PSH, "PSH"}, {ACK, "ACK"}} {
		if f&x.f != 0 {
			l = append(l, x.name)
		}
	}
	return l
}

// Options are the TCP options a segment carried (a SYN's, mostly).
type Options struct {
	MSS      int   // maximum segment size; 0 when absent
	WScale   int   // window scale shift; -1 when absent
	SACKPerm bool  // SACK permitted
	SACK     int   // number of SACK blocks (in a later segment)
	TSval    int64 // timestamp value; -1 when absent
	TSecr    int64 // timestamp echo reply; -1 when absent
}

// Packet is one decoded IP packet: the facts of its TCP or UDP header.
type Packet struct {
	Time     time.Time
	Iface    int    // the interface index it was seen on (0 when unknown)
	Outgoing bool   // it left this host by a real interface (false on loopback)
	Proto    string // "tcp", "udp", or the IP protocol's name for others
	Src, Dst netip.AddrPort
	Len      int    // the transport payload's length in bytes
	Payload  []byte // the payload's captured bytes (Len or fewer)

	// TCP only.
	Flags  Flags
	Seq    uint32
	Ack    uint32
	Window uint16 // the window field as sent (see Tracker for the scaled value)
	Opts   Options

	Raw    []byte // the IP packet as captured, for pcap
	OrigLn int    // the IP packet's length on the wire (>= len(Raw))

	// Malformed: its TCP or UDP header is cut short, or claims more bytes
	// than the IP packet holds (Wireshark's [Malformed Packet]); only the
	// ports are set, when the header holds them.
	Malformed bool
	// Truncated: the capture kept only the start of the packet, and its
	// TCP or UDP header was cut off with the rest (Wireshark's [Packet
	// size limited during capture]); only the ports are set, as above.
	Truncated bool
	// Fragment: an IP fragment, one piece of a larger packet (Wireshark's
	// "Fragmented IP protocol"); Proto is the whole packet's protocol, but
	// no header of it is read.
	Fragment   bool
	FragOffset int    // the fragment's offset in the whole packet, in bytes
	FragID     uint32 // the IP identification its pieces share
	// NoPorts: Src and Dst carry no ports (port 0): the packet is not TCP
	// or UDP, is a fragment, or its header is too short to hold them.
	NoPorts bool
}

// Partial reports whether p's TCP or UDP header was not read whole (it
// is Malformed, Truncated or a Fragment): its flags, numbers and lengths
// are then not facts, and nothing is to be drawn from them.
func (p *Packet) Partial() bool { return p.Malformed || p.Truncated || p.Fragment }

// ErrNotIP is returned by [Decode] for a packet that is neither IPv4 nor IPv6.
var ErrNotIP = errors.New("not an IP packet")

// Decode reads an IP packet (starting at its IP header, as a packet
// socket of type SOCK_DGRAM gives it) into a [Packet]. origLen is its length
// on the wire, which may exceed len(data) when only a part was captured.
// Decode keeps data in Raw and Payload: the caller must not reuse it.
func Decode(data []byte, origLen int) (Packet, error) {
	p := Packet{Raw: data, OrigLn: max(origLen, len(data)), Opts: Options{WScale: -1, TSval: -1, TSecr: -1}}
	if len(data) == 0 {
		return p, ErrNotIP
	}
	var (
		ip4     layers.IPv4
		ip6     layers.IPv6
		tcp     layers.TCP
		udp     layers.UDP
		payload gopacket.Payload
	)
	first := layers.LayerTypeIPv4
	switch data[0] >> 4 {
	case 4:
	case 6:
		first = layers.LayerTypeIPv6
	default:
		return p, ErrNotIP
	}
	parser := gopacket.NewDecodingLayerParser(first, &ip4, &ip6, &tcp, &udp, &payload)
	parser.IgnoreUnsupported = true
	var decoded []gopacket.LayerType
	err := parser.DecodeLayers(data, &decoded)
	var src, dst netip.Addr
	var ipProto layers.IPProtocol
	for _, t := range decoded {
		switch t {
		case layers.LayerTypeIPv4:
			src, _ = netip.AddrFromSlice(ip4.SrcIP.To4())
			dst, _ = netip.AddrFromSlice(ip4.DstIP.To4())
			ipProto = ip4.Protocol
		case layers.LayerTypeIPv6:
			src, _ = netip.AddrFromSlice(ip6.SrcIP.To16())
			dst, _ = netip.AddrFromSlice(ip6.DstIP.To16())
			ipProto = ip6.NextHeader
			if ip6.HopByHop != nil {
				ipProto = ip6.HopByHop.NextHeader
			}
		case layers.LayerTypeTCP:
			p.Proto = "tcp"
			p.Src, p.Dst = netip.AddrPortFrom(src, uint16(tcp.SrcPort)), netip.AddrPortFrom(dst, uint16(tcp.DstPort))
			p.Seq, p.Ack, p.Window = tcp.Seq, tcp.Ack, tcp.Window
			p.Flags = tcpFlags(&tcp)
			p.Opts = tcpOptions(tcp.Options)
			p.Payload = tcp.Payload
			p.Len = len(tcp.Payload)
		case layers.LayerTypeUDP:
			p.Proto = "udp"
			p.Src, p.Dst = netip.AddrPortFrom(src, uint16(udp.SrcPort)), netip.AddrPortFrom(dst, uint16(udp.DstPort))
			p.Payload = udp.Payload
			p.Len = max(int(udp.Length)-8, 0)
			if room := ipPayload(&ip4, &ip6, first) - 8; int(udp.Length) < 8 || p.Len > room {
				p.Len, p.Malformed = max(room, 0), true
				p.Payload = p.Payload[:min(len(p.Payload), p.Len)]
			}
		}
	}
	if !src.IsValid() {
		if err == nil {
			err = ErrNotIP
		}
		return p, err
	}
	if p.Proto == "" {
		partial(&p, data, ipProto, &ip4, &ip6, first, src, dst)
		return p, nil
	}
	if p.Proto == "tcp" {
		p.Len = tcpLen(&ip4, &ip6, first, &tcp)
		p.Payload = p.Payload[:min(len(p.Payload), p.Len)]
	}
	return p, nil
}

// partial fills in p, an IP packet whose TCP or UDP header (if any) did
// not decode: its protocol, a fragment's facts, or the ports a malformed
// or truncated header still holds.
func partial(p *Packet, data []byte, ipProto layers.IPProtocol, ip4 *layers.IPv4, ip6 *layers.IPv6, first gopacket.LayerType, src, dst netip.Addr) {
	p.Src, p.Dst, p.NoPorts = netip.AddrPortFrom(src, 0), netip.AddrPortFrom(dst, 0), true
	body := ip4.Payload
	if first == layers.LayerTypeIPv6 {
		body = ip6.Payload
	}
	switch {
	case first == layers.LayerTypeIPv4 && (ip4.Flags&layers.IPv4MoreFragments != 0 || ip4.FragOffset != 0):
		p.Fragment, p.FragOffset, p.FragID = true, int(ip4.FragOffset)*8, uint32(ip4.Id)
	case ipProto == layers.IPProtocolIPv6Fragment && len(body) >= 8:
		// next header, reserved, offset (13 bits) and flags, identification
		p.Fragment, ipProto = true, layers.IPProtocol(body[0])
		p.FragOffset, p.FragID = int(binary.BigEndian.Uint16(body[2:4])&^7), binary.BigEndian.Uint32(body[4:8])
	}
	p.Proto = strings.ToLower(ipProto.String())
	if p.Fragment || (ipProto != layers.IPProtocolTCP && ipProto != layers.IPProtocolUDP) {
		return
	}
	if len(body) >= 4 {
		p.Src = netip.AddrPortFrom(src, binary.BigEndian.Uint16(body[0:2]))
		p.Dst = netip.AddrPortFrom(dst, binary.BigEndian.Uint16(body[2:4]))
		p.NoPorts = false
	}
	// The header was cut off by the capture when the packet was longer on
	// the wire and its IP header says more follows than was kept.
	if p.OrigLn > len(data) && ipPayload(ip4, ip6, first) > len(body) {
		p.Truncated = true
	} else {
		p.Malformed = true
	}
}

// ipPayload is the IP packet's payload length as its header gives it.
func ipPayload(ip4 *layers.IPv4, ip6 *layers.IPv6, first gopacket.LayerType) int {
	if first == layers.LayerTypeIPv4 {
		return int(ip4.Length) - int(ip4.IHL)*4
	}
	return int(ip6.Length)
}

// tcpLen is the TCP payload's length as the IP header gives it: more than
// was captured when only the headers were kept, less when padding followed.
func tcpLen(ip4 *layers.IPv4, ip6 *layers.IPv6, first gopacket.LayerType, tcp *layers.TCP) int {
	if n := ipPayload(ip4, ip6, first) - int(tcp.DataOffset)*4; n >= 0 {
		return n
	}
	return len(tcp.Payload)
}

// tcpFlags gathers the flags of a decoded TCP header.
func tcpFlags(t *layers.TCP) Flags {
	var f Flags
	for _, x := range []struct {
		on bool
		f  Flags
	}{{t.FIN, FIN}, {t.SYN, SYN}, {t.RST, RST}, {t.PSH, PSH}, {t.ACK, ACK}, {t.URG, URG}, {t.ECE, ECE}, {t.CWR, CWR}} {
		if x.on {
			f |= x.f
		}
	}
	return f
}

// tcpOptions reads the options a person asks about.
func tcpOptions(opts []layers.TCPOption) Options {
	o := Options{WScale: -1, TSval: -1, TSecr: -1}
	for _, x := range opts {
		switch x.OptionType {
		case layers.TCPOptionKindMSS:
			if len(x.OptionData) == 2 {
				o.MSS = int(binary.BigEndian.Uint16(x.OptionData))
			}
		case layers.TCPOptionKindWindowScale:
			if len(x.OptionData) == 1 {
				o.WScale = int(x.OptionData[0])
			}
		case layers.TCPOptionKindSACKPermitted:
			o.SACKPerm = true
		case layers.TCPOptionKindSACK:
			o.SACK = len(x.OptionData) / 8
		case layers.TCPOptionKindTimestamps:
			if len(x.OptionData) == 8 {
				o.TSval = int64(binary.BigEndian.Uint32(x.OptionData))
				o.TSecr = int64(binary.BigEndian.Uint32(x.OptionData[4:]))
			}
		}
	}
	return o
}
