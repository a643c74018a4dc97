package repl

import (
	"strconv"
	"testing"
)

// FuzzQuoteUnquote checks that what the shell shows of received bytes is
// unambiguous: read as a Go string literal, quoteBytes(b) is b again.
func FuzzQuoteUnquote(f *testing.F) {
	for _, tc := range quoteTests {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte("\xf4\x88\xa7\xbfff")) // U+1089FF then "ff": once shown as \u1089ff
	f.Fuzz(func(t *testing.T, b []byte) {
		q := quoteBytes(b)
		if !safeForTerminal(q) {
			t.Fatalf("quoteBytes(%q) = %q is not safe for a terminal", b, q)
		}
		back, err := strconv.Unquote(q)
		if err != nil || back != string(b) {
			t.Fatalf("quoteBytes(%q) = %s, which reads back as %q, %v", b, q, back, err)
		}
	})
}
