package repl

import (
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/socklab/socklab/capture"
)

// fuzzPackets cuts b into packets: each a 2-byte length, a byte of how
// much longer it was on the wire, and its bytes (at most 64 packets).
func fuzzPackets(b []byte) (packets [][]byte, origLens []int) {
	for len(b) >= 3 && len(packets) < 64 {
		n, extra := int(binary.BigEndian.Uint16(b)), int(b[2])
		b = b[3:]
		n = min(n, len(b))
		packets, origLens = append(packets, b[:n:n]), append(origLens, n+extra)
		b = b[n:]
	}
	return packets, origLens
}

// fuzzFrame is the inverse of fuzzPackets, for the seeds.
func fuzzFrame(packets ...[]byte) []byte {
	var b []byte
	for _, p := range packets {
		b = binary.BigEndian.AppendUint16(b, uint16(len(p)))
		b = append(b, 0)
		b = append(b, p...)
	}
	return b
}

// controlFree reports whether s holds no control character but newline:
// a peer's bytes must not drive the terminal.
func controlFree(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && unicode.IsControl(r) })
}

// FuzzPacketView feeds any sequence of packets, garbage or cut short,
// through what the shell does with captured packets: the tracker, the
// conversation kept for ladder, the packet line, explain, and the ladder
// drawn both ways and as Mermaid. None may panic, print a control
// character (a packet's bytes are a peer's), or write a line a packet
// that is not one line.
func FuzzPacketView(f *testing.F) {
	tcp := func(flags byte, seq, ack uint32, win uint16, data string) []byte {
		h := tcpHeader()
		binary.BigEndian.PutUint32(h[4:], seq)
		binary.BigEndian.PutUint32(h[8:], ack)
		h[13] = flags
		binary.BigEndian.PutUint16(h[14:], win)
		return rawIPv4(6, 0, append(h, data...))
	}
	reply := func(p []byte) []byte { // the same segment, the ports swapped
		q := append([]byte(nil), p...)
		copy(q[20:], p[22:24])
		copy(q[22:], p[20:22])
		return q
	}
	f.Add(fuzzFrame(tcp(0x02, 100, 0, 65495, ""), reply(tcp(0x12, 900, 101, 65483, "")), tcp(0x10, 101, 901, 512, ""),
		tcp(0x18, 101, 901, 512, "hi\x1b[2J\r\n"), reply(tcp(0x11, 901, 110, 0, "")), tcp(0x04, 110, 0, 0, "")))
	f.Add(fuzzFrame(rawIPv4(6, 0x2000, tcpHeader()), rawIPv4(17, 0, []byte{0, 1, 0, 2, 0, 9, 0, 0, 'x'}), rawIPv4(6, 0, tcpHeader()[:7])))
	f.Add([]byte{0, 40, 200, 0x60, 0, 0, 0, 0, 8, 17, 64})
	s := newSession(config{out: io.Discard, errOut: io.Discard})
	f.Cleanup(s.Close)
	f.Fuzz(func(t *testing.T, b []byte) {
		s.captures.convs, s.captures.order = nil, nil
		tr := capture.NewTracker()
		c := &capturing{start: time.Unix(0, 0)}
		packets, origLens := fuzzPackets(b)
		for i, raw := range packets {
			p, err := capture.Decode(raw, origLens[i])
			if err != nil {
				continue
			}
			p.Time = time.Unix(0, int64(i)*1000)
			seen := tr.Add(p)
			conv := s.fileStep(seen)
			line := s.packetLine(c, conv, &seen)
			if strings.Contains(line, "\n") || !controlFree(line) {
				t.Fatalf("packet %d: line %q", i, line)
			}
			if e := explainPacket(conv, &seen); !controlFree(e) {
				t.Fatalf("packet %d: explained as %q", i, e)
			}
		}
		for _, conv := range s.conversations() {
			v := ladderOf(conv)
			for _, out := range []string{drawLadder(v, asciiGlyphs), drawLadder(v, unicodeGlyphs), mermaidLadder(v)} {
				if !controlFree(out) {
					t.Fatalf("ladder %q", out)
				}
			}
		}
	})
}
