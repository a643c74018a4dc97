package repl

import (
	"os"
	"testing"
)

// TestConsolePassThrough: what is not a console (a pipe, a file) reaches
// readline untouched on every system; on a Windows console readline reads
// the key events and the console reads escape sequences.
func TestConsolePassThrough(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if got := consoleIn(r); got != any(r) {
		t.Errorf("consoleIn(pipe) = %T, want the pipe itself", got)
	}
	if got := consoleOut(w); got != any(w) {
		t.Errorf("consoleOut(pipe) = %T, want the pipe itself", got)
	}
}
