package repl

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestPipedCanceledInputTakesNoLine: in the shell reading a pipe, a
// script's input() that is canceled while it waits (a task canceled, or
// still waiting when the script ends) takes no line: the next input() gets
// the next line, and so does the shell's next command.
func TestPipedCanceledInputTakesNoLine(t *testing.T) {
	script := filepath.Join(t.TempDir(), "keys.lua")
	os.WriteFile(script, []byte(`
local keyboard = spawn(function() return input() end)
sleep(0)
print("first", keyboard:status(), keyboard:cancel())
print("got", input())
local last = spawn(function() return input() end)
sleep(0)
print("second", last:status(), last:cancel())
`), 0o644)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	out := &syncBuffer{}
	status := make(chan int, 1)
	go func() { status <- Run(Options{Stdin: pr, Stdout: out, Stderr: out}) }()
	pw.WriteString("run " + script + "\n")
	waitFor(t, out, "first\twaiting\ttrue")
	pw.WriteString("typed line\n")
	waitFor(t, out, "got\ttyped line")
	waitFor(t, out, "second\twaiting\ttrue")
	pw.WriteString(`lua 'print("the shell" .. " read this")'` + "\n")
	waitFor(t, out, "the shell read this")
	pw.Close()
	select {
	case st := <-status:
		if st != 0 || strings.Contains(out.everything(), "error") {
			t.Errorf("status %d, output:\n%s", st, out.everything())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the shell did not end at the end of its input:\n%s", out.everything())
	}
}

// TestPipeSourceReaders: a reader that stops waiting leaves its line to the
// next one, readers waiting at once get a line each, and lines given back
// are read first.
func TestPipeSourceReaders(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	src := &pipeSource{src: &readerSource{r: bufio.NewReader(pr)}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.readCtx(ctx, ""); err != context.Canceled {
		t.Fatalf("a canceled read returned %v", err)
	}
	got := make(chan string, 2)
	for range 2 {
		go func() {
			l, _ := src.readLine("")
			got <- l
		}()
	}
	pw.Write([]byte("one\ntwo\n"))
	var lines []string
	for range 2 {
		select {
		case l := <-got:
			lines = append(lines, l)
		case <-time.After(5 * time.Second):
			t.Fatalf("a reader got no line; got %q", lines)
		}
	}
	sort.Strings(lines)
	if strings.Join(lines, " ") != "one two" {
		t.Errorf("lines %q, want one and two", lines)
	}
	src.unread("two")
	src.unread("one")
	go pw.Write([]byte("three\n"))
	for _, want := range []string{"one", "two", "three"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		l, err := src.readCtx(ctx, "")
		cancel()
		if l != want || err != nil {
			t.Fatalf("read %q, %v after lines were given back; want %q", l, err, want)
		}
	}
}
