package repl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// This file implements `record FILE.md`: the printer's tee hook gives it
// every line of output, and Session.run calls recordCommand before each
// command.

// recorder writes a session as a Markdown lab report: one section per
// command, with the command and its output in a code block.
//
// A peer's bytes end up in the blocks, so they must stay inert: a block is
// written only once it is complete, fenced with more backticks than the
// longest run of backticks inside it (CommonMark's rule), so no line of it
// can close the fence and turn the rest into live Markdown or HTML. A block
// that grows past maxBlock is written out in parts, each fenced on its own.
type recorder struct {
	mu    sync.Mutex
	f     *os.File
	w     *bufio.Writer
	n     int          // commands so far
	block bytes.Buffer // the open code block's text
	open  bool         // a code block is open
	err   error        // the first write error; nothing is written after it
}

// maxBlock is the most a code block holds in memory before it is written.
const maxBlock = 1 << 20

// newRecorder creates path and writes the report's heading; an error in
// writing it (a full disk, /dev/full) is returned at once.
func newRecorder(path string) (*recorder, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	r := &recorder{f: f, w: bufio.NewWriter(f)}
	fmt.Fprint(r.w, words.T("teach.report_head", time.Now().Format("2006-01-02 15:04")))
	if err := r.flush(); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// command starts the section of one command line, after writing out the
// previous one; it returns the first write error, if any.
func (r *recorder) command(line string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	r.n++
	fmt.Fprintf(r.w, "\n## %d. `%s`\n", r.n, strings.ReplaceAll(line, "`", "'"))
	r.block.WriteString("> " + line + "\n")
	r.open = true
	return r.flush()
}

// output adds printed lines to the current section.
func (r *recorder) output(text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open = true
	r.block.WriteString(text)
	if r.block.Len() > maxBlock {
		r.end()
		r.flush()
	}
}

// addBlock adds a fenced block of the given language (a Mermaid diagram)
// to the current section.
func (r *recorder) addBlock(lang, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	fenced(r.w, lang, text)
	return r.flush()
}

// end writes out the open code block; r.mu must be held.
func (r *recorder) end() {
	if r.open {
		fenced(r.w, "text", r.block.String())
		r.block.Reset()
		r.open = false
	}
}

// flush writes what is buffered and returns the first write error.
func (r *recorder) flush() error {
	if r.err == nil {
		r.err = r.w.Flush()
	}
	return r.err
}

// fenced writes text as a fenced code block whose fence is longer than any
// run of backticks in text.
func fenced(w io.Writer, lang, text string) {
	run, longest := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	fmt.Fprintf(w, "\n%s%s\n%s%s\n", fence, lang, text, fence)
}

// close finishes the report.
func (r *recorder) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	return errors.Join(r.flush(), r.f.Close())
}

func runRecord(ctx context.Context, s *Session, a *Args) error {
	old, err := s.stopRecord()
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	if a.Words[0] == "off" {
		if old == nil {
			s.Printf("%s", words.T("teach.not_recording"))
		} else {
			s.Printf("%s", words.T("teach.record_off", old.f.Name()))
		}
		return nil
	}
	r, err := newRecorder(a.Words[0])
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	s.Printf("%s", words.T("teach.recording", a.Words[0]))
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
	if err := r.addBlock(lang, text); err != nil {
		s.recordFailed(err)
	}
}

// recordFailed reports a record that could not be written and stops it.
func (s *Session) recordFailed(err error) {
	r, _ := s.stopRecord()
	name := ""
	if r != nil {
		name = r.f.Name()
	}
	s.PrintError(fmt.Errorf("%s", words.T("limits.record_failed", name, say.Error(err))))
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
	if err := r.command(line); err != nil {
		s.recordFailed(err)
	}
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
