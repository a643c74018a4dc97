package repl

import (
	"io"
	"sync"

	"github.com/socklab/socklab/words"
)

// gateRune is the byte the prompt gate injects into the line editor's
// input to have its goroutine print what arrived (Ctrl-\, which the shell
// gives no other meaning: pressed, it only redraws the line).
const gateRune = 0x1c

// maxGated is the most output the gate holds while it waits for the line
// editor to take it; past it, lines are dropped with a count, never held
// without a bound.
const maxGated = 1 << 20

// promptGate keeps output off the line being typed. chzyer/readline prints
// another goroutine's output above the prompt only while its reader waits
// for a key; a line that lands in the moments between two keys, or just as
// the prompt is drawn, goes out raw after the prompt and breaks the line
// (a race in readline itself). So while a prompt is up (between begin and end),
// the gate queues the printer's lines and asks readline's own goroutine,
// through an injected gateRune, to print them: there (flushInside) nothing
// else touches the line, which is cleared, the lines printed, and the
// prompt with what was typed redrawn below them. Without a prompt up,
// lines go straight to the terminal.
type promptGate struct {
	out    io.Writer // the terminal
	wake   func()    // injects gateRune into readline's input
	clean  func()    // clears the prompt's line (readline's Clean)
	redraw func()    // draws the prompt and the typed text again (readline's Refresh)

	mu      sync.Mutex
	active  bool     // a prompt is up
	pending []string // lines waiting for readline's goroutine
	size    int      // bytes in pending
	dropped int      // lines dropped past maxGated
}

// Write implements io.Writer for the printer: a write is whole lines.
func (g *promptGate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.active {
		return g.out.Write(p)
	}
	if g.size+len(p) > maxGated {
		g.dropped++
		return len(p), nil
	}
	g.pending = append(g.pending, string(p))
	g.size += len(p)
	if len(g.pending) == 1 {
		g.wake()
	}
	return len(p), nil
}

// begin says a prompt is about to be drawn.
func (g *promptGate) begin() {
	g.mu.Lock()
	g.active = true
	g.mu.Unlock()
}

// end says the prompt is gone (its line was entered): what waits is
// printed now, on the lines after it.
func (g *promptGate) end() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.active = false
	g.writePending()
}

// flushInside prints what waits and redraws the prompt below it; it runs
// on readline's goroutine, where nothing else touches the line.
func (g *promptGate) flushInside() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.pending) > 0 || g.dropped > 0 {
		g.clean()
		g.writePending()
	}
	g.redraw()
}

// writePending writes the queued lines; g.mu must be held.
func (g *promptGate) writePending() {
	for _, l := range g.pending {
		io.WriteString(g.out, l)
	}
	if g.dropped > 0 {
		io.WriteString(g.out, gatedDropped(g.dropped))
	}
	g.pending, g.size, g.dropped = nil, 0, 0
}

func gatedDropped(n int) string { return words.T("limits.gated_dropped", n) + "\n" }
