package netcat

import (
	"bytes"
	"context"
	"io"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// wait bounds every wait in these tests.
const wait = 10 * time.Second

// syncBuffer is a bytes.Buffer safe for one writer and many readers that
// can wait for a substring to appear.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{})} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	close(b.changed)
	b.changed = make(chan struct{})
	return n, err
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor blocks until the buffer contains s and returns the contents.
func (b *syncBuffer) waitFor(t *testing.T, s string) string {
	t.Helper()
	deadline := time.After(wait)
	for {
		b.mu.Lock()
		got, ch := b.buf.String(), b.changed
		b.mu.Unlock()
		if strings.Contains(got, s) {
			return got
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out waiting for %q; have %q", s, got)
		}
	}
}

// run is one Main running in the background.
type run struct {
	stdout, stderr *syncBuffer
	done           chan int
	cancel         context.CancelFunc
}

// start runs Main(args) with stdin in a goroutine; stdout and stderr are
// syncBuffers unless given.
func start(t *testing.T, stdin io.Reader, args ...string) *run {
	t.Helper()
	return startIO(t, stdin, nil, args...)
}

// startIO is start with stdout given (when not nil), e.g. an *os.File.
func startIO(t *testing.T, stdin io.Reader, stdout io.Writer, args ...string) *run {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &run{stdout: newSyncBuffer(), stderr: newSyncBuffer(), done: make(chan int, 1), cancel: cancel}
	if stdout == nil {
		stdout = r.stdout
	}
	go func() { r.done <- Main(ctx, args, stdin, stdout, r.stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(wait):
			t.Errorf("nc %q did not stop", args)
		}
	})
	return r
}

// status waits for Main's exit status.
func (r *run) status(t *testing.T) int {
	t.Helper()
	select {
	case s := <-r.done:
		r.done <- s
		return s
	case <-time.After(wait):
		t.Fatalf("Main did not return; stderr: %q", r.stderr.String())
		return -1
	}
}

var listeningRE = regexp.MustCompile(`(?:Listening|Bound) on (\S+) (\d+)`)

// addr waits for the -v "Listening on HOST PORT" line and returns HOST:PORT.
func (r *run) addr(t *testing.T) string {
	t.Helper()
	m := listeningRE.FindStringSubmatch(r.stderr.waitFor(t, "\n"))
	if m == nil {
		t.Fatalf("no address in %q", r.stderr.String())
	}
	return net.JoinHostPort(m[1], m[2])
}

// server listens on 127.0.0.1:0 and returns the listener and its port.
func server(t *testing.T) (net.Listener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return ln, port
}

// accept accepts one connection with a deadline.
func accept(t *testing.T, ln net.Listener) *net.TCPConn {
	t.Helper()
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(wait))
	c, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(wait))
	return c.(*net.TCPConn)
}

// readAll reads c to EOF.
func readAll(t *testing.T, c net.Conn) string {
	t.Helper()
	b, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dialT connects to addr with a deadline on the connection.
func dialT(t *testing.T, network, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout(network, addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(wait))
	return c
}

// splitAddr splits HOST:PORT.
func splitAddr(addr string) (host, port string) {
	host, port, _ = net.SplitHostPort(addr)
	return host, port
}
