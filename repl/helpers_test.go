package repl

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the printer and the test at once.
type syncBuffer struct {
	mu  sync.Mutex
	b   bytes.Buffer
	all bytes.Buffer // everything ever written, for waitFor
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.all.Write(p)
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// take returns what was written and empties the buffer.
func (b *syncBuffer) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.b.String()
	b.b.Reset()
	return s
}

// testSession returns a session printing into one buffer, closed at the
// end of the test.
func testSession(t *testing.T, notices bool) (*Session, *syncBuffer) {
	t.Helper()
	out := &syncBuffer{}
	s := newSession(config{out: out, errOut: out, notices: notices})
	t.Cleanup(s.Close)
	return s, out
}

// exec runs line with a bounded context and returns its output and error.
func exec(t *testing.T, s *Session, out *syncBuffer, line string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := s.Exec(ctx, line)
	return out.take(), err
}

// mustExec is exec that fails the test when the line fails.
func mustExec(t *testing.T, s *Session, out *syncBuffer, line string) string {
	t.Helper()
	got, err := exec(t, s, out, line)
	if err != nil {
		t.Fatalf("%s: %v\n%s", line, err, got)
	}
	return got
}

// since returns what was ever written from byte off on, and how many
// bytes were ever written.
func (b *syncBuffer) since(off int) (string, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	all := b.all.Bytes()
	return string(all[min(off, len(all)):]), len(all)
}

// everything returns all that was ever written.
func (b *syncBuffer) everything() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.all.String()
}

// waitFor polls out until all it has printed contains want, for at most 5 s.
func waitFor(t *testing.T, out *syncBuffer, want string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if s := out.everything(); strings.Contains(s, want) {
			return s
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %q in:\n%s", want, out.everything())
	return ""
}

// peerListener is a listener on 127.0.0.1:0 whose accepted connection the
// test drives.
func peerListener(t *testing.T) (net.Listener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln, ln.Addr().String()
}

// acceptOne accepts one connection within 5 s.
func acceptOne(t *testing.T, ln net.Listener) net.Conn {
	t.Helper()
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(5 * time.Second))
	c, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(5 * time.Second))
	return c
}

// execCancelled runs line and cancels it once it has had a head start. A
// cancel that lands before the command began makes Exec skip it silently
// (as a Ctrl-C pressed just after Enter does), so an empty result means
// "too early": it tries again with a longer head start, at most 2 s.
func execCancelled(t *testing.T, s *Session, out *syncBuffer, line string) (string, error) {
	t.Helper()
	for head := 20 * time.Millisecond; head <= 2*time.Second; head *= 2 {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Exec(ctx, line) }()
		time.Sleep(head) // the head start; the retry covers a cancel that came too early
		cancel()
		var err error
		select {
		case err = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: not cancelled", line)
		}
		if got := out.take(); got != "" || err != nil {
			return got, err
		}
	}
	t.Fatalf("%s never started", line)
	return "", nil
}

// execCancelledWhen runs line and cancels it once ready reports true (it
// is polled, for at most 10 s), when a fixed head start cannot know that
// the command has got where the test needs it; it returns what the shell
// said.
func execCancelledWhen(t *testing.T, s *Session, out *syncBuffer, line string, ready func() bool) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Exec(ctx, line) }()
	for deadline := time.Now().Add(10 * time.Second); !ready(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not where the test cancels it within 10 s", line)
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: not canceled within 5 s", line)
	}
	return out.take()
}
