package repl

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/socklab/socklab/say"
)

var decodeTests = []struct {
	in   string
	want string
	bad  bool
}{
	{in: "hello", want: "hello"},
	{in: `a\nb`, want: "a\nb"},
	{in: `\r\n\t\0`, want: "\r\n\t\x00"},
	{in: `\x41\x7f\xff`, want: "A\x7f\xff"},
	{in: `\xZZ`, bad: true},
	{in: `\x4`, bad: true},
	{in: `back\\slash`, want: `back\slash`},
	{in: `\"\'`, want: `"'`},
	{in: `\q`, bad: true},
	{in: `end\`, bad: true},
	{in: "ão", want: "ão"},
	{in: "", want: ""},
}

func TestDecodeEscapes(t *testing.T) {
	for _, tc := range decodeTests {
		got, err := decodeEscapes(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("decodeEscapes(%q) = %q, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("decodeEscapes(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

var quoteTests = []struct{ in, want string }{
	{"hello world\n", `"hello world\n"`},
	{"ã é 日本", `"ã é 日本"`},
	{"\x1b[31mred", `"\x1b[31mred"`},
	{"\x00\x07\x7f", `"\x00\x07\x7f"`},
	{"\xc2\x9b", `"\u009b"`}, // C1 CSI as UTF-8
	{"\xff\xfe", `"\xff\xfe"`},
	{"\xc3", `"\xc3"`},
	{`q"b\`, `"q\"b\\"`},
	{"\u202e", `"\u202e"`}, // bidi override
	{"\u00a0", `"\u00a0"`},
}

func TestQuoteBytes(t *testing.T) {
	for _, tc := range quoteTests {
		if got := quoteBytes([]byte(tc.in)); got != tc.want {
			t.Errorf("quoteBytes(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestHexDump(t *testing.T) {
	got := hexDump([]byte("hello world\nand more than 16"))
	want := "  00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a 61 6e 64 20  |hello world.and |\n" +
		"  00000010  6d 6f 72 65 20 74 68 61  6e 20 31 36              |more than 16|\n"
	if got != want {
		t.Errorf("hexDump:\n%s\nwant:\n%s", got, want)
	}
}

func TestDecodeHex(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{in: "48656c6c6f", want: "Hello"}, {in: "48 65 6C", want: "Hel"}, {in: "0x48:0x69", want: "Hi"},
		{in: "486", bad: true}, {in: "zz", bad: true}, {in: "", want: ""},
	} {
		got, err := decodeHex(tc.in)
		if tc.bad != (err != nil) || !tc.bad && string(got) != tc.want {
			t.Errorf("decodeHex(%q) = %q, %v", tc.in, got, err)
		}
	}
}

// safeForTerminal reports whether s is valid UTF-8 with no character a
// terminal would act on. A U+FFFD that the peer really sent is safe: it is
// a visible character, and invalid bytes show as \xNN, never as U+FFFD.
func safeForTerminal(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return false
		}
	}
	return true
}

// FuzzDecodeEscapes checks decodeEscapes never panics, and that the
// escaping of any bytes is terminal-safe and decodes back to them.
func FuzzDecodeEscapes(f *testing.F) {
	for _, tc := range decodeTests {
		f.Add(tc.in)
	}
	for _, tc := range quoteTests {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		decodeEscapes(in)
		esc := say.Escape([]byte(in), '"')
		if !safeForTerminal(esc) {
			t.Fatalf("say.Escape(%q) = %q is not safe for a terminal", in, esc)
		}
		if strings.Contains(esc, `\u`) || strings.Contains(esc, `\U`) {
			return // \u escapes are for show only: the decoder takes bytes
		}
		back, err := decodeEscapes(esc)
		if err != nil || !bytes.Equal(back, []byte(in)) {
			t.Fatalf("decodeEscapes(say.Escape(%q)) = %q, %v", in, back, err)
		}
	})
}

// FuzzHexDecode checks decodeHex never panics and reads what
// hex.EncodeToString writes, spaced or not.
func FuzzHexDecode(f *testing.F) {
	f.Add("48656c6c6f", []byte("Hello"))
	f.Add("0x48 0x65", []byte{0})
	f.Add("zz", []byte{})
	f.Fuzz(func(t *testing.T, in string, b []byte) {
		decodeHex(in)
		enc := hex.EncodeToString(b)
		for _, s := range []string{enc, strings.ToUpper(enc), spaced(enc)} {
			got, err := decodeHex(s)
			if err != nil || !bytes.Equal(got, b) {
				t.Fatalf("decodeHex(%q) = %x, %v; want %x", s, got, err, b)
			}
		}
		hexDump(b)
	})
}

// spaced puts a space between the byte pairs of hex digits.
func spaced(h string) string {
	var sb strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}

// TestEscapeBytes pins how received bytes are shown: invalid UTF-8 as \xNN,
// a real U+FFFD as itself, controls, bidi overrides and default-ignorable
// code points escaped.
func TestEscapeBytes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"héllo", "héllo"},
		{"\ufffd", "\ufffd"},
		{"\xef\xbf", `\xef\xbf`},
		{"\xff\ufffd", `\xff` + "\ufffd"},
		{"\x1b[31m", `\x1b[31m`},
		{"\u009b\u202e", `\u009b\u202e`},
		{"a\r\n\t\"", `a\r\n\t\"`},
		// default-ignorable code points: a terminal draws them as nothing
		{"a\u034fb\u115f\u1160\u17b4\u17b5\u3164\uffa0\ufe0f\u2060", `a\u034fb\u115f\u1160\u17b4\u17b5\u3164\uffa0\ufe0f\u2060`},
		{"\U000e0041\U000e0100", `\U000e0041\U000e0100`},
	} {
		if got := say.Escape([]byte(tc.in), '"'); got != tc.want {
			t.Errorf("say.Escape(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
