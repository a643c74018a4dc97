//go:build unix

package repl

import (
	"io"
	"strings"
	"testing"
	"time"
)

// TestTypedLineBound: a typed (or pasted) line longer than maxTyped is
// refused when entered, at the prompt and in interact, and nothing of it
// is sent; the shell stays usable. (The line editor redraws the whole line
// per character: a pasted line of 20,000 characters kept the shell busy
// for 30 s, and it then ran.)
func TestTypedLineBound(t *testing.T) {
	ln, addr := peerListener(t)
	tm := startTerm(t, t.TempDir())
	if raceEnabled {
		tm.patience = 60 * time.Second // the editor's redraws of a 4096-character line, instrumented
	}
	tm.typed("connect " + addr + "\r")
	tm.after("socklab [1]> ")
	peer := acceptOne(t, ln)
	long := strings.Repeat("x", maxTyped+100)
	tm.typed(`send "` + long + `"` + "\r")
	tm.after("typed line longer than 4096 characters: not run")
	tm.after("socklab [1]> ")
	tm.typed("interact\r")
	tm.after("Ctrl-] leaves")
	tm.typed(long + "\r")
	tm.after("typed line longer than 4096 characters: not run")
	tm.typed("ok\r")
	tm.typed("\x1d") // Ctrl-]
	tm.after("left interact")
	peer.SetDeadline(time.Now().Add(5 * time.Second))
	b := make([]byte, 3)
	if _, err := io.ReadFull(peer, b); err != nil || string(b) != "ok\n" {
		t.Fatalf("the peer got %q first (%v); want only the short line \"ok\\n\"", b, err)
	}
}
