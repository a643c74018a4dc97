package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// This file implements `record FILE.md`. The shell has no tee hook yet, so
// it wraps the printer's writers once per session (teeInstall) and each
// command's Run (init below) to see the command lines. Both would be a few
// lines in printer.go and session.go: see the teaching issue's note.

// recorder writes a session as a Markdown lab report: one section per
// command, with the command and its output in a code block.
type recorder struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	n    int  // commands so far
	open bool // a code block is open
}

// newRecorder creates path and writes the report's heading.
func newRecorder(path string) (*recorder, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	r := &recorder{f: f, w: bufio.NewWriter(f)}
	fmt.Fprintf(r.w, "# socklab lab report\n\nRecorded %s. Each section is one command and what it printed.\n",
		time.Now().Format("2006-01-02 15:04"))
	return r, nil
}

// command starts the section of one command line.
func (r *recorder) command(line string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	r.n++
	fmt.Fprintf(r.w, "\n## %d. `%s`\n\n```text\n> %s\n", r.n, strings.ReplaceAll(line, "`", "'"), line)
	r.open = true
	r.w.Flush()
}

// output adds printed lines to the current section.
func (r *recorder) output(p []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.open {
		r.w.WriteString("\n```text\n")
		r.open = true
	}
	r.w.Write(p)
	r.w.Flush()
}

// end closes an open code block; r.mu must be held.
func (r *recorder) end() {
	if r.open {
		r.w.WriteString("```\n")
		r.open = false
	}
}

// close finishes the report.
func (r *recorder) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	err := r.w.Flush()
	return errors.Join(err, r.f.Close())
}

// teeWriter copies what the printer writes to the session's record.
type teeWriter struct {
	w  io.Writer
	st *teachState
}

func (t *teeWriter) Write(p []byte) (int, error) {
	t.st.mu.Lock()
	r := t.st.rec
	t.st.mu.Unlock()
	if r != nil {
		r.output(p)
	}
	return t.w.Write(p)
}

// teeInstall wraps the printer's writers in teeWriters, once. It holds the
// printer's lock, so no message can be queued meanwhile, and waits until
// the printer has written everything already queued, so that the printer
// goroutine is idle while its writers change.
func (s *Session) teeInstall(st *teachState) error {
	p := s.out
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("the session is closing")
	}
	f := make(chan struct{})
	p.ch <- msg{flush: f}
	<-f
	p.out = &teeWriter{w: p.out, st: st}
	p.errOut = &teeWriter{w: p.errOut, st: st}
	return nil
}

func runRecord(ctx context.Context, s *Session, args []string) error {
	a, err := s.parseArgs(ctx, args)
	if err != nil {
		return err
	}
	st := s.teach()
	s.out.flush()
	st.mu.Lock()
	old := st.rec
	st.rec = nil
	st.mu.Unlock()
	if old != nil {
		if err := old.close(); err != nil {
			return fmt.Errorf("record: %w", err)
		}
	}
	if a.Words[0] == "off" {
		if old == nil {
			s.Printf("not recording")
		} else {
			s.Printf("record off: report written to %s", old.f.Name())
		}
		return nil
	}
	r, err := newRecorder(a.Words[0])
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	st.mu.Lock()
	install := !st.tee
	st.tee = true
	st.mu.Unlock()
	if install {
		if err := s.teeInstall(st); err != nil {
			r.close()
			return err
		}
	}
	s.Printf("recording to %s (record off to finish)", a.Words[0])
	s.out.flush() // that line is not part of the report
	st.mu.Lock()
	st.rec = r
	st.mu.Unlock()
	return nil
}

// recordCommand starts a command's section in the record, if one is open,
// after the output of the commands before it.
func (s *Session) recordCommand(ctx context.Context, name string, args []string) {
	st, ok := teachStates.Load(s)
	if !ok || name == "record" {
		return
	}
	ts := st.(*teachState)
	ts.mu.Lock()
	r := ts.rec
	ts.mu.Unlock()
	if r == nil {
		return
	}
	s.out.flush()
	line := name
	if c, _ := ctx.Value(callKey{}).(*call); c != nil && len(c.toks) == len(args) {
		for _, t := range c.toks {
			if t.Quoted {
				line += " " + fmt.Sprintf("%q", t.Text)
			} else {
				line += " " + t.Text
			}
		}
	} else if len(args) > 0 {
		line += " " + strings.Join(args, " ")
	}
	r.command(line)
}

// init wraps every command's Run so that an open record sees the command
// lines. It runs after table.go's init, which builds commandTable (init
// functions run in file-name order).
func init() {
	for _, c := range commandTable {
		run, name := c.Run, c.Name
		if run == nil {
			continue
		}
		c.Run = func(ctx context.Context, s *Session, args []string) error {
			s.recordCommand(ctx, name, args)
			return run(ctx, s, args)
		}
	}
}
