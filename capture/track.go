package capture

import "net/netip"

// Conn names a conversation: its two endpoints, lower first, so that both
// directions of a connection share one key.
type Conn struct {
	Proto string
	A, B  netip.AddrPort
}

// ConnOf returns the conversation a packet belongs to.
func ConnOf(p *Packet) Conn {
	a, b := p.Src, p.Dst
	if b.Compare(a) < 0 {
		a, b = b, a
	}
	return Conn{Proto: p.Proto, A: a, B: b}
}

// Seen is a packet with what its conversation so far tells of it.
type Seen struct {
	Packet
	Conn   Conn
	RelSeq uint32 // Seq relative to the sender's SYN (0; its first byte is 1, as when the SYN was not seen)
	RelAck uint32 // Ack relative to the receiver's SYN, likewise
	Win    int    // the window in bytes, scaled when both SYNs agreed on it

	Retransmission bool // its bytes (or SYN or FIN) were sent before
	KeepAlive      bool // a keep-alive probe: one byte or none, just behind what was sent
	WindowProbe    bool // that probe asks a peer whose window was zero whether it has room again
	ZeroWindow     bool // the sender's receive buffer is full
}

// side is what the tracker knows of one direction of a TCP connection.
type side struct {
	base    uint32 // the first sequence number (the ISN, when the SYN was seen)
	known   bool
	next    uint32 // the sequence number after the highest byte sent
	scale   int    // window scale from its SYN, -1 when none
	synSeen bool
	zeroWin bool // the last window it advertised was zero
}

type conversation struct {
	sides [2]side // by direction: 0 from Conn.A, 1 from Conn.B
	order uint64
}

// MaxConversations bounds what a [Tracker] remembers; past it, the
// conversation seen least recently is forgotten.
const MaxConversations = 4096

// Tracker follows TCP connections across packets. It is not safe for
// concurrent use.
type Tracker struct {
	convs map[Conn]*conversation
	tick  uint64
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker { return &Tracker{convs: map[Conn]*conversation{}} }

// Add files p and returns it with its relative numbers and names.
func (t *Tracker) Add(p Packet) Seen {
	s := Seen{Packet: p, Conn: ConnOf(&p), RelSeq: p.Seq, RelAck: p.Ack, Win: int(p.Window)}
	if p.Proto != "tcp" || p.Partial() {
		return s
	}
	c := t.convs[s.Conn]
	if c == nil || (p.Flags&(SYN|ACK) == SYN && c.sides[dir(&s)].known && c.sides[dir(&s)].base != p.Seq) {
		c = t.newConv(s.Conn)
	}
	t.tick++
	c.order = t.tick
	d := dir(&s)
	me, peer := &c.sides[d], &c.sides[1-d]
	// A side first seen without its SYN is numbered as Wireshark does: as
	// if its SYN, one before its first sequence number, had been seen.
	if !me.known {
		me.known, me.base, me.next, me.scale = true, p.Seq, p.Seq, -1
		if !p.Flags.Has(SYN) {
			me.base--
		}
	}
	if p.Flags.Has(SYN) {
		me.synSeen, me.scale = true, p.Opts.WScale
	}
	s.RelSeq = p.Seq - me.base
	if p.Flags.Has(ACK) {
		if !peer.known {
			peer.known, peer.base, peer.next, peer.scale = true, p.Ack-1, p.Ack, -1
		}
		s.RelAck = p.Ack - peer.base
	} else {
		s.RelAck = 0
	}
	if !p.Flags.Has(SYN) && me.synSeen && peer.synSeen && me.scale >= 0 && peer.scale >= 0 {
		s.Win = int(p.Window) << me.scale
	}
	s.ZeroWindow = p.Window == 0 && !p.Flags.Has(RST)
	if !p.Flags.Has(RST) {
		me.zeroWin = s.ZeroWindow
	}
	span := uint32(p.Len)
	if p.Flags.Has(SYN) {
		span++
	}
	if p.Flags.Has(FIN) {
		span++
	}
	end := p.Seq + span
	switch {
	case p.Len <= 1 && p.Flags&(SYN|FIN|RST) == 0 && p.Seq == me.next-1 && after(me.next, me.base):
		s.KeepAlive = true
		// Linux probes a zero window with the same segment as a
		// keep-alive (Wireshark names both Keep-Alive).
		s.WindowProbe = peer.zeroWin
	case span > 0 && !after(end, me.next) && after(me.next, me.base) && !p.Flags.Has(RST):
		s.Retransmission = true
	}
	if after(end, me.next) {
		me.next = end
	}
	return s
}

// dir is 0 for a packet from the conversation's A side, 1 from its B side.
func dir(s *Seen) int {
	if s.Src == s.Conn.A {
		return 0
	}
	return 1
}

// after reports whether sequence number a comes after b (mod 2^32).
func after(a, b uint32) bool { return int32(a-b) > 0 }

// newConv starts (or restarts) a conversation, forgetting the oldest when
// the tracker is full.
func (t *Tracker) newConv(k Conn) *conversation {
	if _, ok := t.convs[k]; !ok && len(t.convs) >= MaxConversations {
		var oldest Conn
		var o uint64 = ^uint64(0)
		for ck, c := range t.convs {
			if c.order < o {
				oldest, o = ck, c.order
			}
		}
		delete(t.convs, oldest)
	}
	c := &conversation{}
	t.convs[k] = c
	return c
}
