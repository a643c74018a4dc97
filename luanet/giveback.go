package luanet

import (
	"slices"
	"sort"
	"strings"
)

// Lines given back. A line input() (or io.read) has read waits in its
// task's completion until the task runs; if the task is canceled first, or
// the run ends, the completion is dropped and the line goes back to the
// input: the next read takes it, before anything not read yet, as if it
// had never been read. A line still given back when the run ends goes to
// Options.Unread (the shell's next command reads it). io.read("*a") and a
// line skipped as too long are not given back.

// giveBack returns p, a line no task received, to the input.
func (e *engine) giveBack(p piece) {
	e.backMu.Lock()
	if !e.inputEnded {
		i := sort.Search(len(e.back), func(i int) bool { return e.back[i].seq > p.seq })
		e.back = slices.Insert(e.back, i, p)
		e.backMu.Unlock()
		return
	}
	e.backMu.Unlock()
	if e.o.Unread != nil {
		e.o.Unread(lineText(p))
	}
}

// takeBack returns the first line given back, if there is one.
func (e *engine) takeBack() (piece, bool) {
	e.backMu.Lock()
	defer e.backMu.Unlock()
	if len(e.back) == 0 {
		return piece{}, false
	}
	p := e.back[0]
	e.back = slices.Delete(e.back, 0, 1)
	return p, true
}

// endInput hands the lines given back and not read again to
// Options.Unread, the last first (each goes before the others), and any
// given back later straight to it.
func (e *engine) endInput() {
	e.backMu.Lock()
	e.inputEnded = true
	back := e.back
	e.back = nil
	e.backMu.Unlock()
	if e.o.Unread == nil {
		return
	}
	for i := len(back) - 1; i >= 0; i-- {
		e.o.Unread(lineText(back[i]))
	}
}

// lineText is p without its line end, as Options.Input gives a line.
func lineText(p piece) string {
	return strings.TrimSuffix(strings.TrimSuffix(p.text, "\n"), "\r")
}
