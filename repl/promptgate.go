package repl

import (
	"io"
	"sync"
)

// gateRune is the byte the prompt gate injects into the line editor's
// input to have its goroutine print what arrived (Ctrl-\, which the shell
// gives no other meaning: pressed, it only redraws the line).
const gateRune = 0x1c

// maxGated is the most output the gate holds while it waits for the line
// editor to take it; past it, the printer waits until the editor has taken
// what is held, so everything that prints waits with it (interact's
// receive, a script's print), and a peer that floods is held back by TCP
// flow control instead of having what it sent dropped unseen.
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
	taken   *sync.Cond // signalled when pending is written or the prompt ends (see room)
	active  bool       // a prompt is up
	pending []string   // lines waiting for readline's goroutine
	size    int        // bytes in pending
}

// Write implements io.Writer for the printer: a write is whole lines.
func (g *promptGate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.active && g.size > 0 && g.size+len(p) > maxGated {
		g.room().Wait() // until readline's goroutine, or end, has written what waits
	}
	if !g.active {
		return g.out.Write(p)
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
	if len(g.pending) > 0 {
		g.clean()
		g.writePending()
	}
	g.redraw()
}

// writePending writes the queued lines and wakes a Write that waits for
// room; g.mu must be held.
func (g *promptGate) writePending() {
	for _, l := range g.pending {
		io.WriteString(g.out, l)
	}
	g.pending, g.size = nil, 0
	g.room().Broadcast()
}

// room is the condition a Write that waits for room waits on; g.mu must
// be held.
func (g *promptGate) room() *sync.Cond {
	if g.taken == nil {
		g.taken = sync.NewCond(&g.mu)
	}
	return g.taken
}
