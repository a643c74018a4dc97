//go:build unix

package repl

import (
	"errors"
	osexec "os/exec"
	"testing"
	"time"
)

// TestCtrlCStopsInputLoop: Ctrl-C at a script's input() prompt stops the
// script (it used to read nil, and a loop on input() never ended).
func TestCtrlCStopsInputLoop(t *testing.T) {
	p := startTerm(t, t.TempDir()) // at the prompt
	typed, after := p.typed, p.after
	typed(`lua 'while true do local l = input(("x"):rep(3) .. "?") end'` + "\r")
	after("xxx?") // the prompt, not the typed line's echo
	typed("\x03")
	typed(`lua 'print(6 * 7)'` + "\r") // read by the shell, not by input()
	after("42")
	typed("quit\r")
}

// TestCtrlCEndsStuckLua: a foreground lua stuck in a Go function that
// cannot be interrupted ends the shell within seconds of Ctrl-C, its
// sockets closed, instead of ignoring it (without the fix neither the
// shell ends nor does it take the next command).
func TestCtrlCEndsStuckLua(t *testing.T) {
	p := startTerm(t, t.TempDir()) // at the prompt
	typed, after := p.typed, p.after
	typed(`lua 'print("spinning") string.find(string.rep("a", 40), string.rep("a*", 40) .. "b")'` + "\r")
	after("spinning")
	// ^C is a signal only once readline has left raw mode.
	for deadline := time.Now().Add(10 * time.Second); !canonical(p.tty); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the terminal stayed in raw mode while lua ran")
		}
	}
	typed("\x03")
	// Inside string.find the shell ends; a Ctrl-C that came just before
	// it (while print returned) stopped the script the usual way, and the
	// shell goes on: then its next command runs.
	select {
	case err := <-p.exited:
		// It says why it ends, and ends as a stopped script does (it
		// printed only "canceled" and exited 0).
		p.after("cannot be interrupted")
		var ee *osexec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != ExitInterrupted {
			t.Errorf("the shell ended with %v, want exit status %d", err, ExitInterrupted)
		}
	case <-time.After(5 * time.Second):
		typed(`lua 'print(6 * 7)'` + "\r")
		after("42")
	}
}
