package repl

import (
	"bufio"
	"os"
	"path/filepath"
)

// historyLimit is how many command lines the history keeps.
const historyLimit = 500

// history keeps the interactive shell's command lines in a file readable by
// its owner only (0600): the lines hold typed payloads. The shell keeps the
// file itself rather than letting the line editor do it, since the editor
// creates and rewrites it world-readable.
type history struct {
	f *os.File // opened for appending; nil when there is no history file
}

// openHistory loads the last historyLimit lines of path (created 0600 if
// missing, its mode set to 0600 if not) into add, rewriting the file when it
// holds more, and opens it for appending. Without a path, or when the file
// cannot be used, the history lives in memory only.
func openHistory(path string, add func(string)) *history {
	if path == "" {
		return &history{}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return &history{}
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return &history{}
	}
	var lines []string
	total := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	for sc.Scan() {
		if sc.Text() == "" {
			continue
		}
		total++
		lines = append(lines, sc.Text())
		if len(lines) > 2*historyLimit {
			lines = append(lines[:0], lines[len(lines)-historyLimit:]...)
		}
	}
	lines = lines[max(0, len(lines)-historyLimit):]
	for _, l := range lines {
		add(l)
	}
	if total > historyLimit || sc.Err() != nil {
		if nf := rewriteHistory(path, lines); nf != nil {
			f.Close()
			f = nf
		}
	}
	return &history{f: f}
}

// rewriteHistory replaces path with lines, through a 0600 temporary file,
// and returns it opened for appending (nil on failure).
func rewriteHistory(path string, lines []string) *os.File {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return nil
	}
	w := bufio.NewWriter(tmp)
	for _, l := range lines {
		w.WriteString(l + "\n")
	}
	if w.Flush() != nil || os.Rename(tmp.Name(), path) != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil
	}
	tmp.Close()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil
	}
	return f
}

// add appends a command line to the file.
func (h *history) add(line string) {
	if h.f != nil {
		h.f.WriteString(line + "\n")
	}
}

// close closes the file.
func (h *history) close() {
	if h.f != nil {
		h.f.Close()
	}
}
