package repl

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/chzyer/readline"
)

// signalWriter reports each write on a channel.
type signalWriter chan string

func (w signalWriter) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

// TestGateLeavesNoWakeUp: after the prompt gate printed a line inside a
// Readline and that line was entered, the line editor reads nothing of
// the terminal until the next Readline. (A wake-up left queued in
// readline let it read type-ahead between two Readline calls, and its
// handling of that input raced with the next prompt's redraw.)
func TestGateLeavesNoWakeUp(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	stdin := newWakeReader(pr)
	printed := make(signalWriter, 4)
	gate := &promptGate{out: printed, wake: func() { stdin.Wake(gateRune) }}
	cfg := editorConfig(stdin, io.Discard, io.Discard, gate, &typedBound{})
	cfg.FuncIsTerminal = func() bool { return false }
	cfg.FuncMakeRaw = func() error { return nil }
	cfg.FuncExitRaw = func() error { return nil }
	rl, err := readline.NewEx(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer rl.Close()
	defer stdin.Close()
	gate.clean, gate.redraw = rl.Clean, rl.Refresh

	type res struct {
		line string
		err  error
	}
	start := func() <-chan res {
		ch := make(chan res, 1)
		go func() {
			l, err := rl.Readline()
			ch <- res{l, err}
		}()
		return ch
	}
	write := func(s string) <-chan struct{} {
		done := make(chan struct{})
		go func() {
			pw.Write([]byte(s))
			close(done)
		}()
		return done
	}
	bound := func(ch <-chan struct{}, what string) {
		t.Helper()
		select {
		case <-ch:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: not read", what)
		}
	}

	gate.begin()
	first := start()
	bound(write("ab"), "typed text")
	gate.Write([]byte("arrived\n"))
	select {
	case got := <-printed:
		if got != "arrived\n" {
			t.Fatalf("gate printed %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the gate's line was not printed inside Readline")
	}
	bound(write("\n"), "Enter")
	select {
	case r := <-first:
		if r.line != "ab" || r.err != nil {
			t.Fatalf("Readline = %q, %v; want \"ab\"", r.line, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Readline did not return")
	}
	gate.end()

	// Type-ahead: nothing may read it before the next Readline. The wait
	// bounds a negative; with the wake-up left queued the read comes at
	// once.
	ahead := write("cd\n")
	select {
	case <-ahead:
		t.Fatal("the terminal was read between two Readline calls")
	case <-time.After(300 * time.Millisecond):
	}
	gate.begin()
	second := start()
	bound(ahead, "type-ahead")
	select {
	case r := <-second:
		if r.line != "cd" || r.err != nil {
			t.Fatalf("next Readline = %q, %v; want the type-ahead \"cd\"", r.line, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("next Readline did not return")
	}
	gate.end()
}

// TestGateHoldsBackNotDrops: while the line editor's goroutine does not
// take what the gate holds, a writer past maxGated waits for it instead of
// having its lines dropped (they were, with "(N more lines arrived while
// the line was typed and were not shown ...)": in interact, bytes received
// from the peer and lost); every line comes out, in order.
func TestGateHoldsBackNotDrops(t *testing.T) {
	var out bytes.Buffer
	woke := make(chan struct{}, 1)
	gate := &promptGate{out: &out, clean: func() {}, redraw: func() {},
		wake: func() {
			select {
			case woke <- struct{}{}:
			default:
			}
		}}
	gate.begin()
	const lines = 3 * maxGated / 64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range lines {
			gate.Write(fmt.Appendf(nil, "%063d\n", i))
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	for finished := false; !finished; {
		// The editor is busy: it takes what waits only once the writer is
		// done or has filled the gate.
		for {
			select {
			case <-done:
				finished = true
			default:
			}
			gate.mu.Lock()
			full := gate.size+64 > maxGated
			gate.mu.Unlock()
			if finished || full {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the writer neither finished nor filled the gate")
			}
			time.Sleep(time.Millisecond)
		}
		gate.flushInside()
	}
	gate.end()
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(got) != lines {
		t.Fatalf("%d lines came out of %d; the last: %q", len(got), lines, got[len(got)-1])
	}
	for i, l := range got {
		if l != fmt.Sprintf("%063d", i) {
			t.Fatalf("line %d is %q", i, l)
		}
	}
}
