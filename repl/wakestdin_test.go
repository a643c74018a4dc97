package repl

import (
	"io"
	"testing"
	"time"

	"github.com/chzyer/readline"
)

// TestWakeReader: a wake ends a waiting Read at once; what the terminal
// sends afterwards still arrives, in order, with Ctrl-] read as Ctrl-C;
// Close ends a waiting Read with io.EOF.
func TestWakeReader(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	w := newWakeReader(pr)
	read := func() (string, error) {
		t.Helper()
		type res struct {
			s   string
			err error
		}
		ch := make(chan res, 1)
		go func() {
			b := make([]byte, 16)
			n, err := w.Read(b)
			ch <- res{string(b[:n]), err}
		}()
		select {
		case r := <-ch:
			return r.s, r.err
		case <-time.After(5 * time.Second):
			t.Fatal("Read did not return")
			return "", nil
		}
	}
	go func() { time.Sleep(10 * time.Millisecond); w.Wake(readline.CharInterrupt) }() // while Read waits
	if got, err := read(); got != "\x03" || err != nil {
		t.Fatalf("woken Read = %q, %v; want the injected ^C", got, err)
	}
	go pw.Write([]byte("ab\x1dc"))
	if got, err := read(); got != "ab\x03c" || err != nil {
		t.Fatalf("Read after the wake = %q, %v; want the typed keys, Ctrl-] as ^C", got, err)
	}
	w.Wake('x') // before any Read: the next one returns it
	if got, _ := read(); got != "x" {
		t.Fatalf("Read after an early wake = %q", got)
	}
	go func() { time.Sleep(10 * time.Millisecond); w.Close() }()
	if _, err := read(); err != io.EOF {
		t.Fatalf("Read after Close: %v; want EOF", err)
	}
}
