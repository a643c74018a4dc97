package repl

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLuaStdioThroughShell: what a script run by the shell writes with
// io.write, io.stdout:write or io.stderr:write goes through the shell's
// output, in order with print (it went to the process's own stdout past
// the shell: out of order, and over the line being typed), and a script
// writing without newlines is printed in bounded pieces, not kept whole.
func TestLuaStdioThroughShell(t *testing.T) {
	s, out := testSession(t, false)
	got := mustExec(t, s, out, `lua 'print("a") io.write("b\n") print("c") io.stdout:write("d", 1, "\n") io.stderr:write("e\n") io.write("f")'`)
	if want := "a\nb\nc\nd1\ne\nf\n"; got != want {
		t.Fatalf("lua output: %q, want %q", got, want)
	}
	got = mustExec(t, s, out, `lua 'for i = 1, 100 do io.write(string.rep("x", 1024)) end'`)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(got) != 100*1024+len(lines) || len(lines) < 2 {
		t.Fatalf("100 KiB without a newline came back as %d lines, %d bytes", len(lines), len(got))
	}
	for _, l := range lines {
		if len(l) > maxPartial || strings.Trim(l, "x") != "" {
			t.Fatalf("a printed piece of %d bytes (at most %d): %.40q", len(l), maxPartial, l)
		}
	}
	// A piece ends on a whole character, even when the script writes one
	// in halves (as io.write(c:recv()) may): "a", then 50,001 "ã" a byte
	// at a time.
	got = mustExec(t, s, out, `lua 'io.write("a") for i = 1, 50001 do io.write("\195") io.write("\163") end'`)
	if strings.Join(strings.Split(strings.TrimSuffix(got, "\n"), "\n"), "") != "a"+strings.Repeat("ã", 50001) || !utf8.ValidString(got) {
		t.Fatalf("a character was cut between two printed pieces: %q", got[maxPartial-8:maxPartial+8])
	}
}
