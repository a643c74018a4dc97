package repl

import (
	"context"
	"sync"
)

// pipeSource reads a non-terminal input (a pipe, a file) one line at a time
// on a goroutine of its own, so that a reader may stop waiting (a script's
// input() canceled, a script that ended while one of its tasks waited in
// input(), the shell stopped by a signal) without losing the line: a pipe's
// read cannot be interrupted, so it goes on, and the line it brings goes to
// the next reader, the script's next input() or the shell's next command.
type pipeSource struct {
	src lineSource

	mu   sync.Mutex
	back []string     // lines given back (unread), read before any other
	next *pendingRead // the read under way, or done and not taken yet; nil: none
}

// pendingRead is one read of a pipeSource; done closes when line and err
// are set.
type pendingRead struct {
	done chan struct{}
	line string
	err  error
}

// unread gives line back: the next read returns it (a script's input()
// read it for a task that was canceled before it ran).
func (p *pipeSource) unread(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.back = append([]string{line}, p.back...)
}

func (p *pipeSource) readLine(prompt string) (string, error) {
	return p.readCtx(context.Background(), prompt)
}

// readCtx returns the next line, or ctx's error if ctx ends first: then
// the read goes on and its line is kept for the next call. Readers waiting
// at once each get a line of their own.
func (p *pipeSource) readCtx(ctx context.Context, prompt string) (string, error) {
	for {
		p.mu.Lock()
		if len(p.back) > 0 {
			line := p.back[0]
			p.back = p.back[1:]
			p.mu.Unlock()
			return line, nil
		}
		r := p.next
		if r == nil {
			r = &pendingRead{done: make(chan struct{})}
			p.next = r
			go func() {
				r.line, r.err = p.src.readLine(prompt)
				close(r.done)
			}()
		}
		p.mu.Unlock()
		select {
		case <-r.done:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		p.mu.Lock()
		mine := p.next == r // else another reader took this line: read the next one
		if mine {
			p.next = nil
		}
		p.mu.Unlock()
		if mine {
			return r.line, r.err
		}
	}
}
