package repl

import (
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/socklab/socklab/words"
)

// This file is the only one that writes to the terminal. chzyer/readline has
// a race that can leave the prompt undrawn when output
// lands just as input starts; keeping every write here means a fix, or a
// switch to another readline fork, touches this file and readline.go only.

// kind tells the printer what a message is, for its stream and colour.
type kind int

const (
	kindOut   kind = iota // ordinary output: events, data, tables
	kindError             // "error: ..." with its "hint: ..." lines
	kindNote              // "note: ..."
)

// msg is one message for the printer: whole lines, or a flush request.
type msg struct {
	kind  kind
	text  string        // complete lines, each ending in "\n"
	flush chan struct{} // if not nil: closed once everything before it is written
}

// printer is the one goroutine that writes output. Everything the shell
// shows — command output, errors, arrival notices from watcher goroutines,
// background scripts — goes through its channel, so lines never interleave
// and, under readline, each lands above the prompt without breaking the line
// being typed. It writes one complete line per Write, except that an error
// and its hints go out in one Write.
type printer struct {
	ch     chan msg
	done   chan struct{}
	out    io.Writer // ordinary output
	errOut io.Writer // errors (the same writer as out under readline)
	color  bool

	tee atomic.Pointer[func(string)] // if set, also sees every line written (record)

	mu     sync.Mutex
	closed bool
}

// newPrinter starts a printer writing to out and errOut.
func newPrinter(out, errOut io.Writer, color bool) *printer {
	p := &printer{ch: make(chan msg, 256), done: make(chan struct{}), out: out, errOut: errOut, color: color}
	go p.loop()
	return p
}

func (p *printer) loop() {
	defer close(p.done)
	for m := range p.ch {
		if m.flush != nil {
			close(m.flush)
			continue
		}
		if t := p.tee.Load(); t != nil {
			(*t)(m.text)
		}
		w := p.out
		if m.kind == kindError {
			w = p.errOut
			io.WriteString(w, p.paint(m.text, m.kind))
			continue
		}
		for _, line := range strings.SplitAfter(m.text, "\n") {
			if line != "" {
				io.WriteString(w, p.paint(line, m.kind))
			}
		}
	}
}

// ANSI colours for the parts of a message that say what it is.
const (
	red    = "\x1b[1;31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	reset  = "\x1b[0m"
)

// labels returns the words that start a message's lines, in the language
// of the catalog, and their colours.
func labels() []struct{ word, color string } {
	return []struct{ word, color string }{{words.T("label.error"), red}, {words.T("label.hint"), cyan}, {words.T("label.note"), yellow}}
}

// paint colours the "error:", "hint:" and "note:" labels when colour is on.
func (p *printer) paint(text string, k kind) string {
	if !p.color || k == kindOut {
		return text
	}
	var sb strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		for _, l := range labels() {
			if strings.HasPrefix(line, l.word) {
				line = l.color + l.word + reset + line[len(l.word):]
				break
			}
		}
		sb.WriteString(line)
	}
	return sb.String()
}

// print queues text, adding the final newline when it lacks one. After
// close it drops the text.
func (p *printer) print(k kind, text string) {
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	p.send(msg{kind: k, text: text})
}

// send queues m unless the printer is closed. Holding mu while sending keeps
// close from closing the channel under a sender.
func (p *printer) send(m msg) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.ch <- m
	return true
}

// setTee makes f see every message's text as it is written (nil: none).
// f runs on the printer goroutine and must not print.
func (p *printer) setTee(f func(string)) {
	if f == nil {
		p.tee.Store(nil)
		return
	}
	p.tee.Store(&f)
}

// flush waits until everything queued so far has been written.
func (p *printer) flush() {
	f := make(chan struct{})
	if p.send(msg{flush: f}) {
		<-f
	}
}

// close writes what is queued and stops the printer.
func (p *printer) close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.ch)
	}
	p.mu.Unlock()
	<-p.done
}
