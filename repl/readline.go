package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/chzyer/readline"

	"github.com/socklab/socklab/words"
)

// ctrlBracket is Ctrl-], which leaves interact as it leaves telnet: the
// terminal reader turns it into Ctrl-C (see [wakeReader]).
const ctrlBracket = 0x1d

// interactive runs the shell on a terminal: readline with history in
// ~/.socklab_history, tab completion, the current socket in the prompt,
// Ctrl-C cancelling a waiting command, Ctrl-D or quit leaving.
func interactive(o Options) int {
	// readline reads the terminal in a goroutine; Instance.Close does not
	// end a pending read (it closes only its own buffer), so keep the
	// reader to close it first, and to wake a pending read.
	stdin := newWakeReader(consoleIn(o.Stdin))
	stdout := consoleOut(o.Stdout)
	gate := &promptGate{out: stdout, wake: func() { stdin.Wake(gateRune) }}
	rs := &rlSource{in: stdin, gate: gate}
	cfg := editorConfig(stdin, stdout, o.Stderr, gate, &rs.bound)
	rl, err := readline.NewEx(cfg)
	if err != nil {
		fmt.Fprintln(o.Stderr, words.T("label.error"), words.T("session.no_editor", err))
		return 1
	}
	rs.rl = rl
	gate.clean, gate.redraw = rl.Clean, rl.Refresh
	hist := openHistory(historyFile(), func(l string) { rl.SaveHistory(l) })
	defer hist.close()
	out := gate
	s := newSession(config{out: out, errOut: out, color: useColor(o.Stdout), notices: true, terminal: true, inert: true, input: rs, allowExec: o.AllowExec, memory: o.Memory})
	rs.s = s
	cfg.AutoComplete = completer{s, rs}
	rl.SetConfig(cfg)

	// SIGINT arrives while a command runs (readline is not in raw mode
	// then); it cancels that command only. SIGTERM ends the shell as quit
	// does: the command is cancelled, the line editor's read ends, the
	// sockets are closed and the terminal is given back as it was. If that
	// has not happened within termGrace (a call that cannot be
	// interrupted), or at a second SIGTERM, the sockets are closed, the
	// terminal restored and the process exits at once.
	var mu sync.Mutex
	cancelCmd := func() {}
	var terminated atomic.Bool
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	ended := make(chan struct{})
	defer close(ended)
	go func() {
		var force <-chan time.Time
		for {
			select {
			case <-ended:
				return
			case sg := <-sig:
				if sg == syscall.SIGTERM && terminated.Swap(true) {
					force = time.After(0)
					continue
				}
				if sg == syscall.SIGTERM {
					stdin.Close() // Readline returns io.EOF
					force = time.After(termGrace)
				}
				mu.Lock()
				cancelCmd()
				mu.Unlock()
			case <-force:
				s.abandonCapture()
				s.table.CloseAll()
				rl.Close()
				os.Exit(ExitInterrupted)
			}
		}
	}()

	s.Printf("%s", words.T("session.prompt_hi"))
	s.out.flush()
	for {
		// The command's context exists before the line is read, so that a
		// Ctrl-C pressed just after Enter cancels the command it belongs to.
		ctx, cancel := context.WithCancel(context.Background())
		mu.Lock()
		cancelCmd = cancel
		mu.Unlock()
		rl.SetPrompt(s.prompt())
		gate.begin()
		rs.bound.reset()
		line, err := rl.Readline()
		if err == nil && rs.bound.tooLong() {
			gate.end()
			s.PrintError(rs.tooLong())
			s.out.flush()
		} else if err == nil && strings.TrimSpace(line) != "" {
			// A command runs: its output, and what arrives meanwhile, goes
			// straight out, on the lines after the entered one. (After an
			// empty line the gate stays up: the next prompt shows what
			// waits, above itself.)
			gate.end()
			rl.SaveHistory(line)
			hist.add(line)
			s.Exec(ctx, line)
		}
		cancel()
		if err != nil && !errors.Is(err, readline.ErrInterrupt) || isDone(s) || terminated.Load() {
			break // io.EOF: Ctrl-D on an empty line; or quit, or SIGTERM
		}
	}
	gate.end()
	mu.Lock()
	cancelCmd = func() {}
	mu.Unlock()
	s.Close()
	stdin.Close()
	rl.Close()
	if terminated.Load() || s.stuck.Load() {
		return ExitInterrupted
	}
	return 0
}

// editorConfig is the line editor's configuration: stdin is the terminal
// reader, and gate's injected rune prints what waits above the prompt.
func editorConfig(stdin *wakeReader, stdout, stderr io.Writer, gate *promptGate, bound *typedBound) *readline.Config {
	return &readline.Config{
		Prompt:            "socklab> ",
		HistoryLimit:      historyLimit,
		HistorySearchFold: true,
		// Only command lines are saved (by interactive): data typed in
		// interact is not a command to recall.
		DisableAutoSaveHistory: true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "quit",
		Stdin:                  stdin,
		Stdout:                 stdout,
		Stderr:                 stderr,
		// The prompt gate's injected rune: print what arrived and redraw
		// the prompt and the typed text, then hand readline a key it does
		// nothing with (Ctrl-G; it only leaves a search or a completion
		// menu). Not a filtered-out rune: readline answers that with a
		// wake-up for its terminal reader, which is reading already, so
		// the wake-up would stay queued and, after the next Enter, let the
		// reader take type-ahead while no Readline runs, racing with the
		// next prompt's redraw.
		FuncFilterInputRune: func(r rune) (rune, bool) {
			if r == gateRune {
				gate.flushInside()
				return readline.CharBell, true
			}
			return bound.filter(r), true
		},
	}
}

// termGrace is how long the interactive shell waits, after SIGTERM, for
// the running command to end before it closes the sockets and exits anyway.
const termGrace = 2 * time.Second

// prompt shows the current socket: "socklab [2]> ".
func (s *Session) prompt() string {
	if c := s.Current(); c != nil {
		return fmt.Sprintf("socklab [%d]> ", c.ID)
	}
	return "socklab> "
}

func isDone(s *Session) bool {
	select {
	case <-s.Done():
		return true
	default:
		return false
	}
}

// historyFile is ~/.socklab_history, or "" (no history) without a home.
func historyFile() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".socklab_history")
}

// useColor reports whether output to w may be coloured (see [CanColor]).
func useColor(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && CanColor(f)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && readline.IsTerminal(int(f.Fd()))
}

// CanColor reports whether what is written to f may be coloured: f is a
// terminal that shows the colours' escape sequences (on a Windows console
// it turns its virtual-terminal processing on; see [showsEscapes]) and
// NO_COLOR is unset.
func CanColor(f *os.File) bool {
	return os.Getenv("NO_COLOR") == "" && readline.IsTerminal(int(f.Fd())) && showsEscapes(f)
}

// rlSource reads interact's lines (and a script's input()) through
// readline.
type rlSource struct {
	rl      *readline.Instance
	in      *wakeReader
	gate    *promptGate
	s       *Session    // where a refused line is reported
	bound   typedBound  // the longest line taken (see maxTyped)
	reading atomic.Bool // a line of data, not a command, is being typed
}

// readLine reads a line of data (interact, a script's input()). A line
// past maxTyped is refused, said, and read again: never sent cut short.
func (r *rlSource) readLine(prompt string) (string, error) {
	for {
		r.rl.SetPrompt(prompt)
		r.reading.Store(true)
		r.gate.begin()
		r.bound.reset()
		line, err := r.rl.Readline()
		r.gate.end()
		r.reading.Store(false)
		if errors.Is(err, readline.ErrInterrupt) {
			return "", errInterrupt
		}
		if err == nil && r.bound.tooLong() {
			r.s.PrintError(r.tooLong())
			r.s.out.flush()
			continue
		}
		return line, err
	}
}

// tooLong is the error of a typed line past maxTyped.
func (r *rlSource) tooLong() error {
	return withHint(errors.New(words.T("session.typed_long", maxTyped)), words.T("session.typed_long_hint"))
}

// interrupt wakes a waiting readLine as Ctrl-C would.
func (r *rlSource) interrupt() { r.in.Wake(readline.CharInterrupt) }

// completer completes command names, then each command's socket ids,
// options and words, all from the command table. While data is typed
// (interact, a script's input()) it completes nothing.
type completer struct {
	s   *Session
	src *rlSource
}

// Do implements readline.AutoCompleter.
func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	if c.src.reading.Load() {
		return nil, 0
	}
	head := string(line[:pos])
	if i := strings.LastIndexAny(head, ";"); i >= 0 {
		head = head[i+1:]
	}
	words := strings.Fields(head)
	word := ""
	if len(words) > 0 && !strings.HasSuffix(head, " ") && !strings.HasSuffix(head, "\t") {
		word, words = words[len(words)-1], words[:len(words)-1]
	}
	var cands []string
	if len(words) == 0 {
		cands = names()
	} else if cmd := lookup(words[0]); cmd != nil {
		cands = c.s.candidates(cmd, words[1:], word)
	}
	var out [][]rune
	for _, cand := range cands {
		if strings.HasPrefix(cand, word) {
			out = append(out, []rune(cand[len(word):]+" "))
		}
	}
	return out, len([]rune(word))
}

// candidates returns what may come next after before in a cmd line: the
// command's own completions, its options, and socket ids where an id fits.
func (s *Session) candidates(cmd *Command, before []string, word string) []string {
	var l []string
	if strings.HasPrefix(word, "-") {
		for _, f := range cmd.Flags {
			l = append(l, "--"+f.Name)
		}
		return l
	}
	if len(before) > 0 {
		if f := findFlag(cmd, strings.TrimPrefix(before[len(before)-1], "--")); f != nil && f.Value != "" {
			return nil // the word is an option's value
		}
	}
	if cmd.Complete != nil {
		l = append(l, cmd.Complete(s, before, word)...)
	}
	if cmd.Socket && len(before) == 0 {
		l = append(l, s.idWords()...)
	}
	return l
}
