package repl

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/socklab/socklab/capture"
	"github.com/socklab/socklab/words"
)

// previewMax is how many payload bytes a packet line shows.
const previewMax = 20

// packetLine renders a packet as one line, in the manner of Wireshark's
// Info column, after the socket ids at both ends:
//
//	0.000312 [1] 40312 → [2] 8888  [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TS WS=128
func (s *Session) packetLine(c *capturing, conv *conversation, p *capture.Seen) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%9.6f %s → %s ", p.Time.Sub(c.start).Seconds(), endName(conv, p, p.Src, p.Dst), endName(conv, p, p.Dst, p.Src))
	if info, ok := partialInfo(p); ok {
		return b.String() + info
	}
	for _, n := range notes(p) {
		fmt.Fprintf(&b, "[%s] ", n)
	}
	switch p.Proto {
	case "tcp":
		fmt.Fprintf(&b, "[%s] Seq=%d", strings.Join(p.Flags.Names(), ", "), p.RelSeq)
		if p.Flags.Has(capture.ACK) {
			fmt.Fprintf(&b, " Ack=%d", p.RelAck)
		}
		fmt.Fprintf(&b, " Win=%d Len=%d", p.Win, p.Len)
		if p.Flags.Has(capture.SYN) {
			b.WriteString(synOptions(p.Opts))
		}
	case "udp":
		fmt.Fprintf(&b, "UDP Len=%d", p.Len)
	default:
		b.WriteString(strings.ToUpper(p.Proto))
	}
	if p.Len > 0 && len(p.Payload) > 0 {
		more := ""
		if p.Len > previewMax {
			more = "..."
		}
		b.WriteString(" " + quoteBytes(p.Payload[:min(len(p.Payload), previewMax)]) + more)
	}
	return b.String()
}

// partialInfo is what Wireshark's Info column says of a packet whose TCP
// or UDP header was not read whole (see capture.Packet.Partial), as the
// tags it brackets are Wireshark's own names, untranslated like [TCP
// ZeroWindow]; ok is false for other packets.
func partialInfo(p *capture.Seen) (info string, ok bool) {
	proto := strings.ToUpper(p.Proto)
	switch {
	case p.Fragment:
		return fmt.Sprintf("Fragmented IP protocol (proto=%s, off=%d, ID=%04x)", proto, p.FragOffset, p.FragID), true
	case p.Truncated:
		return proto + " [Packet size limited during capture]", true
	case p.Malformed && p.Proto == "udp":
		return fmt.Sprintf("UDP [Malformed Packet] Len=%d", p.Len), true
	case p.Malformed:
		return proto + " [Malformed Packet]", true
	}
	return "", false
}

// endName names one end of a packet: "[2] 8888" for a socket of the
// session on loopback, "127.0.0.1:8888" with its address elsewhere, and no
// id for another program's socket; just the address when the packet
// carries no ports (not TCP or UDP, a fragment, a header cut short).
func endName(conv *conversation, p *capture.Seen, ep, other netip.AddrPort) string {
	if p.NoPorts {
		return ep.Addr().String()
	}
	name := ep.String()
	if ep.Addr().IsLoopback() && other.Addr().IsLoopback() {
		name = fmt.Sprint(ep.Port())
	}
	if id := conv.ids[ep]; id > 0 {
		return fmt.Sprintf("[%d] %s", id, name)
	}
	return name
}

// notes are the names Wireshark gives a packet's anomalies.
func notes(p *capture.Seen) []string {
	var l []string
	if p.Partial() {
		return nil
	}
	switch {
	case p.KeepAlive:
		l = append(l, "TCP Keep-Alive")
	case p.Retransmission:
		l = append(l, "TCP Retransmission")
	}
	if p.ZeroWindow {
		l = append(l, "TCP ZeroWindow")
	}
	if p.Flags.Has(capture.RST) {
		l = append(l, "TCP Reset")
	}
	return l
}

// synOptions renders a SYN's options as Wireshark does.
func synOptions(o capture.Options) string {
	var b strings.Builder
	if o.MSS > 0 {
		fmt.Fprintf(&b, " MSS=%d", o.MSS)
	}
	if o.SACKPerm {
		b.WriteString(" SACK_PERM")
	}
	if o.TSval >= 0 {
		b.WriteString(" TS")
	}
	if o.WScale >= 0 {
		fmt.Fprintf(&b, " WS=%d", 1<<min(o.WScale, 14))
	}
	return b.String()
}

// explainPacket says what a packet means, for `explain on`.
func explainPacket(conv *conversation, p *capture.Seen) string {
	f := p.Flags
	switch {
	case p.Fragment:
		return words.T("capture.explain.fragment", p.FragOffset)
	case p.Truncated:
		return words.T("capture.explain.truncated")
	case p.Malformed:
		return words.T("capture.explain.malformed")
	case p.Proto == "udp":
		return words.T("capture.explain.udp", p.Len)
	case p.Proto != "tcp":
		return ""
	case p.KeepAlive && p.WindowProbe:
		return words.T("capture.explain.windowprobe")
	case p.KeepAlive:
		return words.T("capture.explain.keepalive")
	case p.Retransmission:
		return words.T("capture.explain.retransmission")
	case f.Has(capture.RST):
		return words.T("capture.explain.rst")
	case f.Has(capture.SYN | capture.ACK):
		return words.T("capture.explain.synack")
	case f.Has(capture.SYN):
		return words.T("capture.explain.syn")
	case f.Has(capture.FIN):
		return words.T("capture.explain.fin", p.Len)
	case p.ZeroWindow:
		return words.T("capture.explain.zerowindow")
	case p.Len > 0:
		return words.T("capture.explain.data", p.Len)
	case handshakeAck(conv, p):
		return words.T("capture.explain.ack3")
	}
	return words.T("capture.explain.ack", p.RelAck)
}

// handshakeAck reports whether p is the third step of the handshake: the
// first bare ACK after the SYN-ACK of its conversation.
func handshakeAck(conv *conversation, p *capture.Seen) bool {
	n := len(conv.steps)
	return n >= 2 && conv.steps[n-2].Flags.Has(capture.SYN|capture.ACK)
}
