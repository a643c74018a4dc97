//go:build unix

package repl

import (
	"io"
	"os"
	osexec "os/exec"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptySession is the interactive shell on a pseudo-terminal.
type ptySession struct {
	t      *testing.T
	cmd    *osexec.Cmd
	tty    *os.File
	screen *syncBuffer
	exited chan error // its end
	mark   int        // how far after has read the screen
}

// ptyShell starts the interactive shell on a pseudo-terminal with home as
// its HOME; it is killed by PID when the test ends.
func ptyShell(t *testing.T, home string) *ptySession {
	t.Helper()
	bin, err := osexec.LookPath("socklab") // the test binary as socklab (see TestMain)
	if err != nil {
		t.Skip("socklab not in PATH:", err)
	}
	cmd := osexec.Command(bin)
	cmd.Env = append(os.Environ(), "HOME="+home, "NO_COLOR=1", "TERM=xterm")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	p := &ptySession{t: t, cmd: cmd, tty: tty, screen: &syncBuffer{}, exited: make(chan error, 1)}
	go func() { p.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill() // by PID; nothing when it already exited
		tty.Close()
	})
	go io.Copy(p.screen, tty)
	return p
}

// typed types s into the shell.
func (p *ptySession) typed(s string) {
	p.t.Helper()
	if _, err := p.tty.Write([]byte(s)); err != nil {
		p.t.Fatal(err)
	}
}

// after waits (bounded) for want on the screen past what an earlier after
// saw.
func (p *ptySession) after(want string) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		all := p.screen.everything()
		if i := strings.Index(all[p.mark:], want); i >= 0 {
			p.mark += i + len(want)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.t.Fatalf("no %q on the terminal after byte %d:\n%q", want, p.mark, p.screen.everything()[p.mark:])
}

// TestCtrlCStopsInputLoop: Ctrl-C at a script's input() prompt stops the
// script (it used to read nil, and a loop on input() never ended).
func TestCtrlCStopsInputLoop(t *testing.T) {
	p := ptyShell(t, t.TempDir())
	typed, after := p.typed, p.after
	after("socklab> ")
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
	p := ptyShell(t, t.TempDir())
	typed, after := p.typed, p.after
	after("socklab> ")
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
	case <-p.exited:
	case <-time.After(5 * time.Second):
		typed(`lua 'print(6 * 7)'` + "\r")
		after("42")
	}
}
