package repl

import (
	"strings"
	"testing"
)

// TestStepFormNeverFallsThrough: a step form naming no socket is an error
// and opens nothing, on every system (on Windows, where socket once
// failed, `listen 1` listened on port 1 of every interface); a bare port
// from 1024 up, port 0 and a protocol stay the one-step listen (not run
// here: they listen on every interface).
func TestStepFormNeverFallsThrough(t *testing.T) {
	for _, c := range []struct{ line, hint string }{
		{"listen 1", "listen :1"},
		{"listen 1 5", "socket tcp"},
		{"listen 3 --backlog 2", "listen :3"},
		{"connect 1 127.0.0.1:9", "socket tcp"},
	} {
		s, out := testSession(t, false)
		got, err := exec(t, s, out, c.line)
		if err == nil {
			t.Errorf("%s: no error; printed %q", c.line, got)
			continue
		}
		msg := s.formatError(err)
		if !strings.HasPrefix(msg, "error: no socket [") || !strings.Contains(msg, c.hint) {
			t.Errorf("%s: %q, want no socket and a hint naming %q", c.line, msg, c.hint)
		}
		if n := len(s.Table().List()); n != 0 {
			t.Errorf("%s: %d sockets opened", c.line, n)
		}
	}
	s, _ := testSession(t, false)
	for _, line := range []string{"8888", "0", "1024 --backlog 2", "tcp 1"} {
		toks, err := tokenize(line)
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.parse(lookup("listen"), toks[0])
		if err != nil {
			t.Fatalf("listen %s: %v", line, err)
		}
		if step, err := s.stepListen(a); step || err != nil {
			t.Errorf("listen %s: taken as the step form (%v)", line, err)
		}
	}
}
