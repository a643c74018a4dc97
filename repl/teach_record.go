package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// This file implements `record FILE.md`: the printer's tee hook gives it
// every line of output, and Session.run calls recordCommand before each
// command.

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
func (r *recorder) output(text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.open {
		r.w.WriteString("\n```text\n")
		r.open = true
	}
	r.w.WriteString(text)
	r.w.Flush()
}

// block adds a fenced block of the given language (a Mermaid diagram) to
// the current section.
func (r *recorder) block(lang, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	fmt.Fprintf(r.w, "\n```%s\n%s```\n", lang, text)
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

func runRecord(ctx context.Context, s *Session, a *Args) error {
	old, err := s.stopRecord()
	if err != nil {
		return fmt.Errorf("record: %w", err)
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
	s.Printf("recording to %s (record off to finish)", a.Words[0])
	s.out.flush() // that line is not part of the report
	st := s.teach()
	st.mu.Lock()
	st.rec = r
	st.mu.Unlock()
	s.out.setTee(r.output)
	return nil
}

// stopRecord finishes the open record, if any, and returns it.
func (s *Session) stopRecord() (*recorder, error) {
	s.out.flush()
	s.out.setTee(nil)
	st := s.teach()
	st.mu.Lock()
	r := st.rec
	st.rec = nil
	st.mu.Unlock()
	if r == nil {
		return nil, nil
	}
	return r, r.close()
}

// recordBlock adds a fenced block to the record, if one is open, after
// the output printed so far.
func (s *Session) recordBlock(lang, text string) {
	st := s.teach()
	st.mu.Lock()
	r := st.rec
	st.mu.Unlock()
	if r == nil {
		return
	}
	s.out.flush()
	r.block(lang, text)
}

// recordCommand starts a command's section in the record, if one is open,
// after the output of the commands before it.
func (s *Session) recordCommand(name string, toks []token) {
	st := s.teach()
	st.mu.Lock()
	r := st.rec
	st.mu.Unlock()
	if r == nil || name == "record" {
		return
	}
	s.out.flush()
	line := name
	for _, t := range toks {
		if t.Quoted {
			line += " " + requote(t.Text)
		} else {
			line += " " + t.Text
		}
	}
	r.command(line)
}

// requote writes a quoted word's text back so that the tokenizer reads
// the same text again: in double quotes, where only `"` needs a backslash
// (escapes such as \n are kept in the text for the command to decode), or
// else in single quotes, for a text such as a\" that no double-quoted word
// gives (there a backslash takes the quote after it).
func requote(text string) string {
	double := `"` + strings.ReplaceAll(text, `"`, `\"`) + `"`
	for _, q := range []string{double, `'` + strings.ReplaceAll(text, `'`, `\'`) + `'`} {
		if ts, err := tokenize(q); err == nil && len(ts) == 1 && len(ts[0]) == 1 && ts[0][0].Text == text {
			return q
		}
	}
	return double
}
