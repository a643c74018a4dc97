package repl

import (
	"sync/atomic"

	"github.com/chzyer/readline"
)

// maxTyped is the longest line, in characters, the interactive shell takes
// from the terminal. The line editor (chzyer/readline) redraws the whole
// line for every character it inserts, so a line costs time in the square
// of its length: a pasted line of 20,000 characters kept the shell busy
// for 30 s, one of 100,000 for about 12 minutes, and Ctrl-C waited behind
// it. 4096 characters take about a second, and are what a terminal's own
// line discipline holds for a program that reads a line in canonical mode
// (Python's input(), C's fgets on a terminal: 4095 on Linux). Longer data
// goes with send --file, or through a pipe (socklab < FILE, socklab nc).
const maxTyped = 4096

// typedBound counts the characters put into the line being typed, from
// the line editor's input filter, and stops inserting them past maxTyped:
// such a line is refused when entered, never run or sent cut short. It
// counts every printable key and takes one off for a backspace, so
// editing (a word deleted, the keys of an arrow) can only make it count
// more than the line holds, never less.
type typedBound struct {
	n    atomic.Int64
	over atomic.Bool
}

// reset starts a new line.
func (b *typedBound) reset() {
	b.n.Store(0)
	b.over.Store(false)
}

// filter passes r on, or, past the bound, a key the editor does nothing
// with (Ctrl-G: not a filtered-out rune, see editorConfig).
func (b *typedBound) filter(r rune) rune {
	switch {
	case r == readline.CharBackspace || r == readline.CharCtrlH:
		if b.n.Load() > 0 {
			b.n.Add(-1)
		}
	case r >= ' ':
		if b.n.Load() >= maxTyped {
			b.over.Store(true)
			return readline.CharBell
		}
		b.n.Add(1)
	}
	return r
}

// tooLong reports whether characters of the line were left out.
func (b *typedBound) tooLong() bool { return b.over.Load() }
