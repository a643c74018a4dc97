//go:build unix

package repl

import "testing"

// TestNulKeyKeepsShell: a NUL from the terminal is a key that does nothing:
// Ctrl-Space (or Ctrl-@) at an empty prompt, and the NUL the terminal
// leaves for a Ctrl-D typed while a command ran, quit the shell silently,
// closing every socket (the line editor took the NUL for the end of
// input); bash and Python ignore both.
func TestNulKeyKeepsShell(t *testing.T) {
	tm := startTerm(t, t.TempDir())
	tm.typed("\x00")
	tm.typed("use 7\r")
	tm.after("no socket [7]")
	tm.after("socklab> ")
	tm.typed("lua 'print(\"run\" .. \"ning\") sleep(0.3)'\r")
	tm.after("running")
	tm.typed("\x04") // Ctrl-D while the command runs
	tm.after("socklab> ")
	tm.typed("use 8\r")
	tm.after("no socket [8]")
}
