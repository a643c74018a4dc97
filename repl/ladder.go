package repl

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"

	"github.com/socklab/socklab/capture"
)

// This file draws `ladder`: one conversation's packets as a sequence
// diagram, the two endpoints as columns, an arrow per packet, and the TCP
// state each side enters, as the kernel's state machine (RFC 9293) moves
// on the packets seen.

// rung is one arrow of a ladder.
type rung struct {
	right  bool      // the arrow goes from the left end to the right end
	label  string    // "SYN, ACK Seq=0 Ack=1"
	states [2]string // the state each end enters, "" when it does not change
}

// ladderOf lays out a conversation: which end is on the left (the one
// that sent the first SYN, else the first packet's sender), the title of
// each end, the states before the first packet, and the rungs.
type ladderView struct {
	titles [2]string
	start  [2]string
	rungs  []rung
	more   int // packets left out (past the bound)
}

// ladderOf builds the view of conv.
func ladderOf(conv *conversation) ladderView {
	var v ladderView
	if len(conv.steps) == 0 {
		return v
	}
	left := conv.steps[0].Src
	for _, p := range conv.steps {
		if p.Flags&(capture.SYN|capture.ACK) == capture.SYN {
			left = p.Src
			break
		}
	}
	right := conv.steps[0].Dst
	if right == left {
		right = conv.steps[0].Src
	}
	for i, ep := range []netip.AddrPort{left, right} {
		v.titles[i] = ep.String()
		if conv.steps[0].NoPorts {
			v.titles[i] = ep.Addr().String()
		}
		if id := conv.ids[ep]; id > 0 {
			v.titles[i] = fmt.Sprintf("[%d] %s", id, ep)
		}
	}
	first := conv.steps[0]
	for _, p := range conv.steps { // the first packet whose header was read
		if !p.Partial() {
			first = p
			break
		}
	}
	m := newMachine(first)
	v.start = m.state
	for i := range conv.steps {
		p := &conv.steps[i]
		from := 0
		if p.Src != left {
			from = 1
		}
		r := rung{right: from == 0, label: rungLabel(p)}
		before := m.state
		m.step(from, p)
		for k := range 2 {
			if m.state[k] != before[k] {
				r.states[k] = m.state[k]
			}
		}
		v.rungs = append(v.rungs, r)
	}
	v.more = conv.dropped
	return v
}

// rungLabel is what an arrow says: flags, numbers, and what is odd about it.
func rungLabel(p *capture.Seen) string {
	var b strings.Builder
	for _, n := range notes(p) {
		if n != "TCP Reset" {
			b.WriteString(strings.TrimPrefix(n, "TCP ") + " ")
		}
	}
	if info, ok := partialInfo(p); ok {
		return info
	}
	if p.Proto != "tcp" {
		fmt.Fprintf(&b, "%s Len=%d", strings.ToUpper(p.Proto), p.Len)
		return b.String()
	}
	fmt.Fprintf(&b, "%s Seq=%d", strings.Join(p.Flags.Names(), ", "), p.RelSeq)
	if p.Flags.Has(capture.ACK) {
		fmt.Fprintf(&b, " Ack=%d", p.RelAck)
	}
	if p.Len > 0 {
		fmt.Fprintf(&b, " Len=%d", p.Len)
	}
	return b.String()
}

// machine follows both ends' TCP states through the packets.
type machine struct {
	state  [2]string
	finEnd [2]uint32 // relative sequence number just past each end's FIN
	finOn  [2]bool
}

// newMachine starts in the states the first packet implies: a SYN's
// sender was CLOSED and its receiver LISTEN; a conversation caught in the
// middle starts ESTABLISHED; UDP, and a conversation of packets whose
// header was not read whole, have no states.
func newMachine(first capture.Seen) *machine {
	m := &machine{}
	switch {
	case first.Proto != "tcp" || first.Partial():
	case first.Flags&(capture.SYN|capture.ACK) == capture.SYN:
		m.state = [2]string{"CLOSED", "LISTEN"}
	default:
		m.state = [2]string{"ESTABLISHED", "ESTABLISHED"}
	}
	return m
}

// step moves the states on one packet sent by end `from`.
func (m *machine) step(from int, p *capture.Seen) {
	if p.Proto != "tcp" || p.Partial() || p.Retransmission || p.KeepAlive {
		return
	}
	to := 1 - from
	s, r := &m.state[from], &m.state[to]
	f := p.Flags
	if f.Has(capture.RST) {
		*s, *r = "CLOSED", "CLOSED"
		return
	}
	if f.Has(capture.SYN) {
		if f.Has(capture.ACK) {
			*s, *r = "SYN_RECV", "ESTABLISHED"
		} else {
			*s, *r = "SYN_SENT", "SYN_RECV"
		}
		return
	}
	// What the ACK tells the receiver.
	if f.Has(capture.ACK) {
		acked := m.finOn[to] && int32(p.RelAck-m.finEnd[to]) >= 0
		switch {
		case *r == "SYN_RECV":
			*r = "ESTABLISHED"
		case *r == "FIN_WAIT_1" && acked:
			*r = "FIN_WAIT_2"
		case *r == "CLOSING" && acked:
			*r = "TIME_WAIT"
		case *r == "LAST_ACK" && acked:
			*r = "CLOSED"
		}
	}
	if f.Has(capture.FIN) {
		m.finOn[from], m.finEnd[from] = true, p.RelSeq+uint32(p.Len)+1
		sawPeerFIN := m.finOn[to] && f.Has(capture.ACK) && int32(p.RelAck-m.finEnd[to]) >= 0
		switch {
		case *s == "CLOSE_WAIT" && !sawPeerFIN:
			*s = "CLOSING" // both sent FIN before seeing the other's
		case *s == "CLOSE_WAIT":
			*s = "LAST_ACK"
		default:
			*s = "FIN_WAIT_1"
		}
		switch *r {
		case "ESTABLISHED", "SYN_RECV":
			*r = "CLOSE_WAIT"
		case "FIN_WAIT_1":
			*r = "CLOSING"
		case "FIN_WAIT_2":
			*r = "TIME_WAIT"
		}
	}
}

// glyphs are the characters a ladder is drawn with.
type glyphs struct{ bar, line, head, tail string }

var (
	unicodeGlyphs = glyphs{bar: "│", line: "─", head: "▶", tail: "◀"}
	asciiGlyphs   = glyphs{bar: "|", line: "-", head: ">", tail: "<"}
)

// ladder geometry: the width of a state name column and of the arrows.
const (
	stateWidth = 12
	arrowWidth = 40
)

// drawLadder renders v as text with the given glyphs.
func drawLadder(v ladderView, g glyphs) string {
	var b strings.Builder
	leftBar := stateWidth + 1
	rightBar := leftBar + 1 + arrowWidth
	// Titles centred over their bars, never overlapping.
	l0 := max(0, leftBar-utf8.RuneCountInString(v.titles[0])/2)
	r0 := max(l0+utf8.RuneCountInString(v.titles[0])+2, rightBar-utf8.RuneCountInString(v.titles[1])/2)
	b.WriteString(strings.TrimRight(strings.Repeat(" ", l0)+v.titles[0]+strings.Repeat(" ", r0-l0-utf8.RuneCountInString(v.titles[0]))+v.titles[1], " ") + "\n")
	row := func(mid string, st [2]string) {
		line := fmt.Sprintf("%*s %s%s%s %s", stateWidth, st[0], g.bar, mid, g.bar, st[1])
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	blank := strings.Repeat(" ", arrowWidth)
	row(blank, v.start)
	for _, r := range v.rungs {
		row(arrow(r.label, r.right, g), r.states)
	}
	if v.more > 0 {
		row(blank, [2]string{})
		fmt.Fprintf(&b, "%*s (+%d)\n", stateWidth, "", v.more)
	}
	return b.String()
}

// arrow draws one arrow of arrowWidth cells with its label in the middle.
func arrow(label string, right bool, g glyphs) string {
	label = " " + label + " "
	n := utf8.RuneCountInString(label)
	if n > arrowWidth-4 {
		r := []rune(label)
		label = string(r[:arrowWidth-6]) + "… "
		if g == asciiGlyphs {
			label = string(r[:arrowWidth-6]) + "~ "
		}
		n = arrowWidth - 4
	}
	fill := arrowWidth - 1 - n
	a, z := fill/2, fill-fill/2
	if right {
		return strings.Repeat(g.line, a) + label + strings.Repeat(g.line, z) + g.head
	}
	return g.tail + strings.Repeat(g.line, a) + label + strings.Repeat(g.line, z)
}

// mermaidLadder renders v as a Mermaid sequenceDiagram, for `record`.
func mermaidLadder(v ladderView) string {
	var b strings.Builder
	clean := func(s string) string {
		return strings.NewReplacer(":", " port ", ";", " ", "#", " ", "\n", " ").Replace(s)
	}
	b.WriteString("sequenceDiagram\n")
	fmt.Fprintf(&b, "    participant L as %s\n", clean(v.titles[0]))
	fmt.Fprintf(&b, "    participant R as %s\n", clean(v.titles[1]))
	notes := func(st [2]string) {
		if st[0] != "" {
			fmt.Fprintf(&b, "    Note left of L: %s\n", st[0])
		}
		if st[1] != "" {
			fmt.Fprintf(&b, "    Note right of R: %s\n", st[1])
		}
	}
	notes(v.start)
	for _, r := range v.rungs {
		if r.right {
			fmt.Fprintf(&b, "    L->>R: %s\n", clean(r.label))
		} else {
			fmt.Fprintf(&b, "    R->>L: %s\n", clean(r.label))
		}
		notes(r.states)
	}
	return b.String()
}
