//go:build unix

package repl

import (
	"io"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestTerminal drives the interactive shell through a real pseudo-terminal:
// data arriving while a line is typed shows above the prompt and leaves the
// line intact, tab completes a command, Ctrl-C cancels a waiting recv and
// returns to the prompt, interact sends typed lines and Ctrl-] leaves it
// (so does the peer's close), a script that ends gives the terminal back,
// history keeps commands only, and quit leaves with status 0.
func TestTerminal(t *testing.T) {
	ln, addr := peerListener(t)
	home := t.TempDir()
	p := startTerm(t, home) // at the prompt
	typed, after := p.typed, p.after
	screen, exited := p.screen, p.exited

	typed("connect " + addr + "\r")
	after("[1] tcp conn ")
	after("socklab [1]> ")
	peer := acceptOne(t, ln)

	// Data arrives while a line is half typed.
	typed("send par")
	after("send par")
	peer.Write([]byte("async hello\n"))
	after(`[1] 12 bytes waiting: "async hello\n" (recv to read)`)
	after("socklab [1]> send par") // the prompt and the typed text, redrawn below
	typed("tial\r")
	after("[1] sent 7 bytes")
	b := make([]byte, 16)
	peer.SetDeadline(time.Now().Add(5 * time.Second)) // each read its own bound
	n, _ := io.ReadAtLeast(peer, b, 7)
	if got := string(b[:n]); got != "partial" {
		t.Errorf("peer got %q, want the typed line intact: \"partial\"", got)
	}

	// Tab completes a command name, then its argument.
	typed("hel\t")
	after("help ")
	typed("sendl\t")
	after("help sendline ")
	typed("\r")
	after("usage: sendline [ID] TEXT")
	typed("recv\r")
	after(`[1] 12 bytes: "async hello\n"`)

	// Ctrl-C cancels a waiting recv and returns to the prompt.
	typed("recv\r")
	after("socklab [1]> recv")
	// A ^C is a signal only once readline has left raw mode (before that it
	// is a key press for the next prompt): wait for canonical mode, then
	// press it once.
	for deadline := time.Now().Add(10 * time.Second); !canonical(p.tty); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the terminal stayed in raw mode while recv waited")
		}
	}
	typed("\x03")
	after("[1] recv canceled")
	after("socklab [1]> ")

	// interact: a typed line goes out with "\n" (Tab completes no
	// command there), data shows as it arrives, Ctrl-] leaves.
	typed("interact\r")
	after("Ctrl-D or Ctrl-] leaves")
	typed("se\tnt\r")
	peer.SetDeadline(time.Now().Add(5 * time.Second))
	n, _ = io.ReadAtLeast(peer, b, 5)
	if got := string(b[:n]); got != "sent\n" {
		t.Errorf("interact: peer got %q", got)
	}
	peer.Write([]byte("from peer\x1b]0;pwned\x07\n"))
	after(`from peer\x1b]0;pwned\x07`)
	typed("\x1d")
	after("[1] left interact")
	after("socklab [1]> ")

	// A script that ends while a coroutine waits in input() gives the
	// terminal back: the next line is a command, not the dead input's.
	typed(`lua 'spawn(function() input() end) sleep(0.1) error("gone")'` + "\r")
	after("error: lua:1: gone")
	after("socklab [1]> ")
	typed("netstat\r")
	after("PROTO  LOCAL")

	// A peer that closes ends interact at once, with no key pressed.
	typed("connect " + addr + "\r")
	after("socklab [2]> ")
	peer2 := acceptOne(t, ln)
	typed("interact\r")
	after("Ctrl-D or Ctrl-] leaves")
	peer2.Close()
	after("the peer closed its side (end of stream); leaving interact")
	after("[2] left interact")
	after("socklab [2]> ")

	// A typo gets a suggestion; quit leaves.
	typed("sokcets\r")
	after(`did you mean "sockets"?`)
	typed("quit\r")
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("socklab exited with %v:\n%s", err, screen.everything()) // all: a race report comes early
		}
	case <-time.After(10 * time.Second):
		p.cmd.Process.Signal(syscall.SIGQUIT) // its goroutines' stacks, to see where it hangs
		<-exited
		t.Fatalf("socklab did not quit:\n%s", screen.everything()[p.mark:])
	}
	// History keeps the commands, not the data typed in interact.
	hist, _ := os.ReadFile(home + "/.socklab_history")
	if lines := strings.Split(string(hist), "\n"); !slices.Contains(lines, "connect "+addr) || slices.Contains(lines, "sent") {
		t.Errorf("~/.socklab_history:\n%s", hist)
	}
	// quit closed the connection: the peer reads end of stream.
	peer.SetDeadline(time.Now().Add(5 * time.Second))
	if n, err := peer.Read(b); err != io.EOF {
		t.Errorf("peer read %d bytes, %v after quit; want EOF", n, err)
	}
}
