//go:build unix

package repl

import (
	"strings"
	"testing"
)

// TestScriptOutputInert: a script run by the shell that prints what a peer
// sent (print(c:recv()), io.write) cannot drive the terminal: the clear
// screen, title, OSC 52 clipboard write and bidi override reach it escaped,
// as the shell's own recv shows them. (They reached the terminal raw: the
// screen was cleared and the title set.)
func TestScriptOutputInert(t *testing.T) {
	ln, addr := peerListener(t)
	tm := startTerm(t, t.TempDir())
	payload := "\x1b[2J\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07\u202eok\r"
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write([]byte(payload + "\n" + payload))
		c.Close()
	}()
	tm.typed(`lua 'local c = net.connect("` + addr + `") local d = c:recvall() print(d) io.write(d, "\n") c:close()'` + "\r")
	want := `\x1b[2J\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07\u202eok\r`
	tm.after(want)
	tm.after(want)
	tm.after(want)
	tm.after(want)
	tm.after("socklab> ")
	if all := tm.screen.everything(); strings.Contains(all, "\x1b]0;") || strings.Contains(all, "\x1b[2J") || strings.Contains(all, "\u202e") {
		t.Fatalf("a peer's escape sequence reached the terminal raw:\n%q", all)
	}
}
