//go:build unix

package repl

import (
	"fmt"
	"io"
	"os"
	osexec "os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// term is the interactive shell on a pseudo-terminal, as a person sees it.
type term struct {
	t        *testing.T
	cmd      *osexec.Cmd
	tty      *os.File
	screen   *syncBuffer
	mark     int
	exited   chan error
	patience time.Duration // how long after waits; 0: 10 s
}

// startTerm starts the shell (the test binary as socklab, see TestMain) on a
// pty with HOME set to home.
func startTerm(t *testing.T, home string) *term {
	t.Helper()
	bin, err := osexec.LookPath("socklab")
	if err != nil {
		t.Skip("socklab not in PATH:", err)
	}
	cmd := osexec.Command(bin)
	cmd.Env = append(os.Environ(), "HOME="+home, "NO_COLOR=1", "TERM=xterm")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	tm := &term{t: t, cmd: cmd, tty: tty, screen: &syncBuffer{}, exited: make(chan error, 1)}
	go func() { tm.exited <- cmd.Wait() }()
	go io.Copy(tm.screen, tty)
	t.Cleanup(func() {
		cmd.Process.Kill()
		tty.Close()
	})
	tm.after("socklab> ")
	return tm
}

func (tm *term) typed(s string) {
	tm.t.Helper()
	if _, err := tm.tty.Write([]byte(s)); err != nil {
		tm.t.Fatal(err)
	}
}

// after waits for want to appear after the mark'th byte of output.
func (tm *term) after(want string) {
	tm.t.Helper()
	patience := tm.patience
	if patience == 0 {
		patience = 10 * time.Second
	}
	deadline := time.Now().Add(patience)
	from := tm.mark // what is before it was searched already (less a want's length)
	for time.Now().Before(deadline) {
		tail, end := tm.screen.since(from)
		if i := strings.Index(tail, want); i >= 0 {
			tm.mark = from + i + len(want)
			return
		}
		from = max(from, end-len(want)+1)
		time.Sleep(5 * time.Millisecond)
	}
	tail, _ := tm.screen.since(tm.mark)
	tm.t.Fatalf("no %q on the terminal after byte %d:\n%q", want, tm.mark, tail)
}

// wait waits (bounded) for the shell to exit and returns its error.
func (tm *term) wait() error {
	tm.t.Helper()
	select {
	case err := <-tm.exited:
		return err
	case <-time.After(10 * time.Second):
		tm.cmd.Process.Signal(syscall.SIGQUIT)
		<-tm.exited
		tm.t.Fatalf("socklab did not exit:\n%q", tm.screen.everything()[tm.mark:])
	}
	return nil
}

// TestHistoryFileIsPrivate: ~/.socklab_history holds typed payloads, so it
// is created 0600, an existing one is made 0600, and one longer than the
// limit is cut to its last lines without ever being world-readable.
func TestHistoryFileIsPrivate(t *testing.T) {
	home := t.TempDir()
	tm := startTerm(t, home)
	tm.typed("send 'password=hunter2'\r")
	tm.after("no current socket")
	tm.typed("quit\r")
	tm.wait()
	path := home + "/.socklab_history"
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("new history file: mode %v, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "send 'password=hunter2'\n") {
		t.Errorf("history:\n%s", b)
	}

	var old strings.Builder
	for i := range 600 {
		fmt.Fprintf(&old, "old %d\n", i)
	}
	os.WriteFile(path, []byte(old.String()), 0o644)
	os.Chmod(path, 0o644)
	tm = startTerm(t, home)
	tm.typed("\x1b[A") // up: the newest line kept
	tm.after("old 599")
	tm.typed("\x15sockets\r") // Ctrl-U clears the recalled line
	tm.after("no open sockets")
	tm.typed("quit\r")
	tm.wait()
	fi, _ = os.Stat(path)
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if fi.Mode().Perm() != 0o600 || len(lines) != historyLimit+2 || lines[0] != "old 100" || lines[len(lines)-1] != "quit" {
		t.Errorf("existing history: mode %v, %d lines (%q ... %q)", fi.Mode().Perm(), len(lines), lines[0], lines[len(lines)-1])
	}
	if m, _ := os.ReadDir(home); len(m) != 1 {
		t.Errorf("home holds %d files, want the history only", len(m))
	}
}

// TestTerminalSIGTERM: SIGTERM ends the interactive shell as quit does,
// at the prompt and while a command waits: its connection is closed (the
// peer reads end of stream), the terminal is given back in canonical mode
// with echo (it was left raw), and the exit status is 130.
func TestTerminalSIGTERM(t *testing.T) {
	for _, waiting := range []bool{false, true} {
		ln, addr := peerListener(t)
		tm := startTerm(t, t.TempDir())
		tm.typed("connect " + addr + "\r")
		tm.after("socklab [1]> ")
		peer := acceptOne(t, ln)
		if waiting {
			tm.typed("recv\r")
			for deadline := time.Now().Add(10 * time.Second); !canonical(tm.tty); time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the terminal stayed in raw mode while recv waited")
				}
			}
		} else {
			for deadline := time.Now().Add(10 * time.Second); canonical(tm.tty); time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the terminal is not in raw mode at the prompt")
				}
			}
		}
		tm.cmd.Process.Signal(syscall.SIGTERM)
		err := tm.wait()
		if ee, ok := err.(*osexec.ExitError); !ok || ee.ExitCode() != 130 {
			t.Errorf("waiting %v: exit %v, want status 130", waiting, err)
		}
		if !canonical(tm.tty) || !echoing(tm.tty) {
			t.Errorf("waiting %v: the terminal was left raw (canonical %v, echo %v)", waiting, canonical(tm.tty), echoing(tm.tty))
		}
		peer.SetDeadline(time.Now().Add(5 * time.Second))
		if n, err := peer.Read(make([]byte, 1)); err != io.EOF {
			t.Errorf("waiting %v: peer read %d, %v; want end of stream", waiting, n, err)
		}
	}
}

// screen is a minimal terminal: it applies what readline writes (text,
// \r, \n, \b and the CSI sequences A B C D G J K) to lines of text, so a
// test can look at what a person would see.
type screen struct {
	lines    [][]rune
	row, col int
}

func (sc *screen) apply(b string) {
	rs := []rune(b)
	for i := 0; i < len(rs); i++ {
		for sc.row >= len(sc.lines) {
			sc.lines = append(sc.lines, nil)
		}
		switch r := rs[i]; {
		case r == '\r':
			sc.col = 0
		case r == '\n':
			sc.row++
		case r == '\b':
			sc.col = max(0, sc.col-1)
		case r == 0x1b && i+1 < len(rs) && rs[i+1] == '[':
			j, n := i+2, 0
			for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == ';' || rs[j] == '?') {
				if rs[j] >= '0' && rs[j] <= '9' {
					n = n*10 + int(rs[j]-'0')
				}
				j++
			}
			if j >= len(rs) {
				return
			}
			m := max(n, 1)
			switch rs[j] {
			case 'A':
				sc.row = max(0, sc.row-m)
			case 'B':
				sc.row += m
			case 'C':
				sc.col += m
			case 'D':
				sc.col = max(0, sc.col-m)
			case 'G':
				sc.col = m - 1
			case 'K', 'J':
				switch {
				case n == 2 && rs[j] == 'K':
					sc.lines[sc.row] = nil
				case sc.col < len(sc.lines[sc.row]):
					sc.lines[sc.row] = sc.lines[sc.row][:sc.col]
				}
				if rs[j] == 'J' && n == 0 {
					sc.lines = sc.lines[:sc.row+1]
				}
			}
			i = j
		case r < 0x20:
		default:
			l := sc.lines[sc.row]
			for len(l) < sc.col {
				l = append(l, ' ')
			}
			if sc.col < len(l) {
				l[sc.col] = r
			} else {
				l = append(l, r)
			}
			sc.lines[sc.row] = l
			sc.col++
		}
	}
}

// TestNoticesAboveIntactPrompt: lines printed while a person types (a
// background script's prints, arrival notices of many sockets) all land on
// lines of their own above the prompt, and the line being typed stays
// whole: no "socklab> [N] ..." or "socklab> send partick 7" on screen
// (readline's redraw race did that under load).
func TestNoticesAboveIntactPrompt(t *testing.T) {
	ln, addr := peerListener(t)
	tm := startTerm(t, t.TempDir())
	const clients = 20
	for range clients {
		tm.typed("connect " + addr + "\r")
	}
	tm.after(fmt.Sprintf("socklab [%d]> ", clients))
	var peers []io.Writer
	for range clients {
		peers = append(peers, acceptOne(t, ln))
	}
	tm.typed(`lua 'for i = 1, 2000 do print("tick " .. i) if i % 4 == 0 then sleep(0.001) end end' &` + "\r")
	tm.after("tick 1\r\n")
	for range 300 { // empty lines: a prompt is drawn again each time
		tm.typed("\r")
		time.Sleep(200 * time.Microsecond)
	}
	text := strings.TrimSpace(strings.Repeat("the typed line stays whole ", 8))
	typed := "sendline 1 " + text
	for i, r := range typed {
		tm.typed(string(r))
		if i < clients {
			peers[i].Write([]byte("x"))
		}
		time.Sleep(time.Millisecond) // keys between the lines
	}
	tm.after("tick 2000")
	tm.typed("\r")
	tm.after(fmt.Sprintf("[1] sent %d bytes", len(text)+1))
	var sc screen
	sc.apply(tm.screen.everything())
	prompt := regexp.MustCompile(`socklab( \[\d+\])?> `)
	for _, l := range sc.lines {
		s := string(l)
		if strings.Contains(s, `print("tick "`) {
			continue // the command that prints them
		}
		if loc := prompt.FindStringIndex(s); loc != nil && (strings.Contains(s[loc[1]:], "tick") || strings.Contains(s[loc[1]:], "waiting")) {
			all := tm.screen.everything()
			tk := s[strings.Index(s, "tick"):]
			i := strings.Index(all, tk+"\r")
			t.Errorf("a line landed on the prompt's line: %q; written as %q", s, all[max(0, i-150):min(len(all), i+30)])
		}
		if strings.Contains(s, "tick") && !regexp.MustCompile(`^tick \d+$`).MatchString(s) {
			t.Errorf("a printed line was broken: %q", s)
		}
	}
	b := make([]byte, 512)
	p1 := peers[0].(interface {
		Read([]byte) (int, error)
		SetDeadline(time.Time) error
	})
	p1.SetDeadline(time.Now().Add(5 * time.Second))
	n, _ := io.ReadAtLeast(p1, b, len(text)+1)
	if got := string(b[:n]); got != text+"\n" {
		t.Errorf("the peer got %q: the typed line was broken", got)
	}
}
