package repl

import (
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socklab/socklab/capture"
)

var updateLadders = flag.Bool("update-ladders", false, "rewrite repl/testdata/ladder/*.golden")

// pk is one packet of a scripted conversation between the client
// 127.0.0.1:40000 ([1]) and the server 127.0.0.1:8888 ([2]).
type pk struct {
	fromClient bool
	flags      capture.Flags
	seq, ack   uint32
	len        int
}

func scripted(steps []pk) *conversation {
	c, s := netip.MustParseAddrPort("127.0.0.1:40000"), netip.MustParseAddrPort("127.0.0.1:8888")
	conv := &conversation{ids: map[netip.AddrPort]int{c: 1, s: 2}}
	for _, st := range steps {
		p := capture.Seen{Packet: capture.Packet{Proto: "tcp", Src: c, Dst: s, Flags: st.flags, Len: st.len}, RelSeq: st.seq, RelAck: st.ack}
		if !st.fromClient {
			p.Src, p.Dst = s, c
		}
		conv.steps = append(conv.steps, p)
	}
	return conv
}

const (
	syn    = capture.SYN
	ack    = capture.ACK
	rst    = capture.RST
	synAck = capture.SYN | capture.ACK
	finAck = capture.FIN | capture.ACK
	pshAck = capture.PSH | capture.ACK
	rstAck = capture.RST | capture.ACK
)

var handshake = []pk{{true, syn, 0, 0, 0}, {false, synAck, 0, 1, 0}, {true, ack, 1, 1, 0}}

// TestLadderGolden draws the ladders of a connect and close, a half-close
// (the client shuts down its sending side, then the server still answers)
// and a reset, in Unicode and ASCII, and as Mermaid.
func TestLadderGolden(t *testing.T) {
	cases := map[string][]pk{
		"connect_close": append(append([]pk{}, handshake...),
			pk{true, pshAck, 1, 1, 5}, pk{false, ack, 1, 6, 0},
			pk{true, finAck, 6, 1, 0}, pk{false, ack, 1, 7, 0},
			pk{false, finAck, 1, 7, 0}, pk{true, ack, 7, 2, 0}),
		"half_close": append(append([]pk{}, handshake...),
			pk{true, pshAck, 1, 1, 12}, pk{true, finAck, 13, 1, 0}, pk{false, ack, 1, 14, 0},
			pk{false, pshAck, 1, 14, 12}, pk{true, ack, 14, 13, 0},
			pk{false, finAck, 13, 14, 0}, pk{true, ack, 14, 14, 0}),
		"reset": append(append([]pk{}, handshake...),
			pk{true, pshAck, 1, 1, 3}, pk{false, ack, 1, 4, 0}, pk{false, rstAck, 1, 4, 0}),
	}
	for name, steps := range cases {
		v := ladderOf(scripted(steps))
		got := drawLadder(v, unicodeGlyphs) + "\n" + drawLadder(v, asciiGlyphs) + "\n" + mermaidLadder(v)
		path := filepath.Join("testdata", "ladder", name+".golden")
		if *updateLadders {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test -run TestLadderGolden -update-ladders writes it)", err)
		}
		if got != string(want) {
			t.Errorf("%s: ladder differs from %s:\n%s", name, path, got)
		}
	}
}

// TestLadderStates checks the states of the ladders against RFC 9293's
// diagram, independently of the golden files.
func TestLadderStates(t *testing.T) {
	final := func(steps []pk) [2]string {
		m := newMachine(scripted(steps).steps[0])
		for _, p := range scripted(steps).steps {
			from := 1
			if p.Src.Port() == 40000 {
				from = 0
			}
			m.step(from, &p)
		}
		return m.state
	}
	check := func(name string, steps []pk, want [2]string) {
		t.Helper()
		if got := final(steps); got != want {
			t.Errorf("%s: states %v, want %v", name, got, want)
		}
	}
	h := func(more ...pk) []pk { return append(append([]pk{}, handshake...), more...) }
	check("handshake", h(), [2]string{"ESTABLISHED", "ESTABLISHED"})
	check("client FIN", h(pk{true, finAck, 1, 1, 0}), [2]string{"FIN_WAIT_1", "CLOSE_WAIT"})
	check("FIN acked", h(pk{true, finAck, 1, 1, 0}, pk{false, ack, 1, 2, 0}), [2]string{"FIN_WAIT_2", "CLOSE_WAIT"})
	check("both FIN", h(pk{true, finAck, 1, 1, 0}, pk{false, ack, 1, 2, 0}, pk{false, finAck, 1, 2, 0}), [2]string{"TIME_WAIT", "LAST_ACK"})
	check("last ACK", h(pk{true, finAck, 1, 1, 0}, pk{false, finAck, 1, 2, 0}, pk{true, ack, 2, 2, 0}), [2]string{"TIME_WAIT", "CLOSED"})
	check("simultaneous", h(pk{true, finAck, 1, 1, 0}, pk{false, finAck, 1, 1, 0}), [2]string{"CLOSING", "CLOSING"})
	check("reset", h(pk{false, rst, 1, 0, 0}), [2]string{"CLOSED", "CLOSED"})
	check("refused", []pk{{true, syn, 0, 0, 0}, {false, rstAck, 0, 1, 0}}, [2]string{"CLOSED", "CLOSED"})
}

// TestLadderLongLabel keeps an arrow's width whatever its label.
func TestLadderLongLabel(t *testing.T) {
	a := arrow(strings.Repeat("x", 100), true, unicodeGlyphs)
	if n := len([]rune(a)); n != arrowWidth {
		t.Fatalf("arrow is %d cells wide, want %d: %s", n, arrowWidth, a)
	}
}
