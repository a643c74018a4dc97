package capture

import (
	"net"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// segment builds an IPv4 TCP segment from 127.0.0.1:sport to :dport.
func segment(t testing.TB, sport, dport uint16, seq, ack uint32, flags Flags, win uint16, payload string, opts ...layers.TCPOption) []byte {
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: net.IPv4(127, 0, 0, 1), DstIP: net.IPv4(127, 0, 0, 1)}
	tcp := &layers.TCP{SrcPort: layers.TCPPort(sport), DstPort: layers.TCPPort(dport), Seq: seq, Ack: ack, Window: win,
		SYN: flags.Has(SYN), ACK: flags.Has(ACK), FIN: flags.Has(FIN), RST: flags.Has(RST), PSH: flags.Has(PSH), Options: opts}
	tcp.SetNetworkLayerForChecksum(ip)
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ip, tcp, gopacket.Payload(payload)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(t testing.TB, b []byte) Packet {
	p, err := Decode(b, len(b))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDecodeSYNOptions(t *testing.T) {
	b := segment(t, 40000, 8888, 1000, 0, SYN, 65495, "",
		layers.TCPOption{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0xff, 0xd7}},
		layers.TCPOption{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2},
		layers.TCPOption{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: []byte{0, 0, 0, 7, 0, 0, 0, 0}},
		layers.TCPOption{OptionType: layers.TCPOptionKindNop, OptionLength: 1},
		layers.TCPOption{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{7}})
	p := decode(t, b)
	if p.Proto != "tcp" || p.Src.Port() != 40000 || p.Dst.Port() != 8888 || p.Flags != SYN || p.Len != 0 {
		t.Fatalf("got %+v", p)
	}
	want := Options{MSS: 65495, WScale: 7, SACKPerm: true, TSval: 7, TSecr: 0}
	if p.Opts != want {
		t.Fatalf("options %+v, want %+v", p.Opts, want)
	}
}

func TestDecodeTruncated(t *testing.T) {
	b := segment(t, 40000, 8888, 1000, 1, PSH|ACK, 512, "hello, world, this is longer than the snap")
	p, err := Decode(b[:45], len(b))
	if err != nil {
		t.Fatal(err)
	}
	if p.Len != 42 || string(p.Payload) != "hello" || p.OrigLn != len(b) {
		t.Fatalf("len %d payload %q orig %d", p.Len, p.Payload, p.OrigLn)
	}
}

func TestTracker(t *testing.T) {
	tr := NewTracker()
	ws := layers.TCPOption{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{2}}
	steps := []struct {
		b      []byte
		rs, ra uint32
		win    int
		re, ka bool
		zw     bool
	}{
		{b: segment(t, 1, 2, 1000, 0, SYN, 100, "", ws), rs: 0, win: 100},
		{b: segment(t, 1, 2, 1000, 0, SYN, 100, "", ws), rs: 0, win: 100, re: true},
		{b: segment(t, 2, 1, 5000, 1001, SYN|ACK, 100, "", ws), rs: 0, ra: 1, win: 100},
		{b: segment(t, 1, 2, 1001, 5001, ACK, 100, ""), rs: 1, ra: 1, win: 400},
		{b: segment(t, 1, 2, 1001, 5001, PSH|ACK, 100, "abc"), rs: 1, ra: 1, win: 400},
		{b: segment(t, 1, 2, 1001, 5001, PSH|ACK, 100, "abc"), rs: 1, ra: 1, win: 400, re: true},
		{b: segment(t, 2, 1, 5001, 1004, ACK, 0, ""), rs: 1, ra: 4, zw: true},
		{b: segment(t, 1, 2, 1003, 5001, ACK, 100, ""), rs: 3, ra: 1, win: 400, ka: true},
		{b: segment(t, 1, 2, 1004, 5001, FIN|ACK, 100, ""), rs: 4, ra: 1, win: 400},
		{b: segment(t, 2, 1, 5001, 1005, RST, 0, ""), rs: 1, ra: 0},
	}
	for i, st := range steps {
		s := tr.Add(decode(t, st.b))
		if s.RelSeq != st.rs || s.RelAck != st.ra || s.Win != st.win || s.Retransmission != st.re || s.KeepAlive != st.ka || s.ZeroWindow != st.zw {
			t.Errorf("step %d: seq %d ack %d win %d re %v ka %v zw %v; want %+v", i, s.RelSeq, s.RelAck, s.Win, s.Retransmission, s.KeepAlive, s.ZeroWindow, st)
		}
	}
}

func TestTrackerBounded(t *testing.T) {
	tr := NewTracker()
	for i := range MaxConversations + 10 {
		tr.Add(decode(t, segment(t, uint16(i), 9, 1, 0, SYN, 1, "")))
	}
	if len(tr.convs) != MaxConversations {
		t.Fatalf("%d conversations remembered", len(tr.convs))
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(segment(f, 1, 2, 3, 4, SYN|ACK, 5, "x"))
	f.Add(segment(f, 1, 2, 3, 4, PSH|ACK, 5, "hello"))
	f.Add([]byte{0x60, 0, 0, 0, 0, 8, 17, 64})
	f.Fuzz(func(t *testing.T, b []byte) {
		tr := NewTracker()
		p, err := Decode(b, len(b))
		if err != nil {
			return
		}
		if p.Len < 0 || len(p.Payload) > len(b) {
			t.Fatalf("len %d payload %d of %d bytes", p.Len, len(p.Payload), len(b))
		}
		for range 2 {
			if s := tr.Add(p); p.Partial() && (s.ZeroWindow || s.Retransmission || s.KeepAlive) {
				t.Fatalf("a packet whose header was not read whole was analysed: %+v", s)
			}
		}
		if p.NoPorts && (p.Src.Port() != 0 || p.Dst.Port() != 0) {
			t.Fatalf("ports %v %v on a packet said to carry none", p.Src, p.Dst)
		}
	})
}

// TestTrackerMidStream: a capture that starts after the handshake, or
// misses the SYN, numbers each side as Wireshark does: its first byte is 1,
// as if the SYN (0) had been seen. These are the numbers tshark gave a
// capture started after connect (data 3 bytes one way, 2 the other, then
// a reset).
func TestTrackerMidStream(t *testing.T) {
	tr := NewTracker()
	ws := layers.TCPOption{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{10}}
	for i, st := range []struct {
		b      []byte
		rs, ra uint32
		re, ka bool
	}{
		{b: segment(t, 8888, 40000, 7000, 3000, PSH|ACK, 64, "abc"), rs: 1, ra: 1},
		{b: segment(t, 40000, 8888, 3000, 7003, ACK, 64, ""), rs: 1, ra: 4},
		{b: segment(t, 40000, 8888, 3000, 7003, PSH|ACK, 64, "zz"), rs: 1, ra: 4},
		{b: segment(t, 8888, 40000, 7003, 3002, RST|ACK, 64, ""), rs: 4, ra: 3},
		// the SYN missed, the SYN-ACK seen: the client's ISN is its Ack - 1
		{b: segment(t, 9, 1, 5000, 1001, SYN|ACK, 100, "", ws), rs: 0, ra: 1},
		{b: segment(t, 1, 9, 1001, 5001, PSH|ACK, 100, "hi"), rs: 1, ra: 1},
		{b: segment(t, 1, 9, 1001, 5001, PSH|ACK, 100, "hi"), rs: 1, ra: 1, re: true},
		{b: segment(t, 9, 1, 5001, 1003, ACK, 100, ""), rs: 1, ra: 3},
	} {
		s := tr.Add(decode(t, st.b))
		if s.RelSeq != st.rs || s.RelAck != st.ra || s.Retransmission != st.re || s.KeepAlive != st.ka {
			t.Errorf("step %d: Seq=%d Ack=%d re %v ka %v; want Seq=%d Ack=%d re %v ka %v", i, s.RelSeq, s.RelAck, s.Retransmission, s.KeepAlive, st.rs, st.ra, st.re, st.ka)
		}
	}
}

// TestTrackerWindowProbe: a keep-alive-shaped segment sent to a peer whose
// last window was zero is a zero-window probe (Linux sends both alike); to
// a peer with room, a keep-alive. (tshark names both Keep-Alive.)
func TestTrackerWindowProbe(t *testing.T) {
	tr := NewTracker()
	for i, st := range []struct {
		b         []byte
		ka, probe bool
	}{
		{b: segment(t, 1, 2, 1000, 5000, PSH|ACK, 100, "abc")},
		{b: segment(t, 2, 1, 5000, 1003, ACK, 0, "")},
		{b: segment(t, 1, 2, 1002, 5000, ACK, 100, ""), ka: true, probe: true},
		{b: segment(t, 2, 1, 5000, 1003, ACK, 300, "")},
		{b: segment(t, 1, 2, 1002, 5000, ACK, 100, ""), ka: true},
	} {
		s := tr.Add(decode(t, st.b))
		if s.KeepAlive != st.ka || s.WindowProbe != st.probe {
			t.Errorf("step %d: keep-alive %v, window probe %v; want %v, %v", i, s.KeepAlive, s.WindowProbe, st.ka, st.probe)
		}
	}
}
