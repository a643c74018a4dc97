package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestCmdExeQuotes: cmd.exe passes -c 'listen 127.0.0.1:0; sockets' as
// three words, quotes kept; socklab says how cmd.exe wants it written.
// (A Unix shell removes the quotes, so the hint never shows there.)
func TestCmdExeQuotes(t *testing.T) {
	var out, errb bytes.Buffer
	st := run([]string{"--lang", "en", "-c", "'listen", "127.0.0.1:0;", "sockets'"}, nil, &out, &errb)
	if st != 2 || !strings.Contains(errb.String(), "hint: cmd.exe does not group words in single quotes: write -c \"") {
		t.Fatalf("status %d, stderr %q", st, errb.String())
	}
	errb.Reset()
	st = run([]string{"--lang", "en", "-c", "help", "extra"}, nil, &out, &errb)
	if st != 2 || strings.Contains(errb.String(), "cmd.exe") {
		t.Fatalf("an extra word without a quote: status %d, stderr %q", st, errb.String())
	}
}
