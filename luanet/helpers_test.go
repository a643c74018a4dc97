package luanet

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	net.DefaultResolver = noDNS
	goleak.VerifyTestMain(m)
}

// noDNS is a resolver that never asks a DNS server: tests and fuzzing send
// traffic to the loopback range only, and a fuzzed host name ("CXX:1")
// must fail at once instead of querying the network. /etc/hosts (localhost)
// still works.
var noDNS = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
	return nil, errors.New("tests ask no DNS server: use an IP address")
}}

// lineBuf is a concurrency-safe writer that lets a test wait for a line.
type lineBuf struct {
	mu   sync.Mutex
	buf  strings.Builder
	cond chan struct{}
}

func newLineBuf() *lineBuf { return &lineBuf{cond: make(chan struct{})} }

func (b *lineBuf) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	close(b.cond)
	b.cond = make(chan struct{})
	return len(p), nil
}

func (b *lineBuf) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// wait returns the first submatch of re once the output matches, failing
// the test after d.
func (b *lineBuf) wait(t testing.TB, re string, d time.Duration) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.After(d)
	for {
		b.mu.Lock()
		m := rx.FindStringSubmatch(b.buf.String())
		ch := b.cond
		b.mu.Unlock()
		if m != nil {
			if len(m) > 1 {
				return m[1]
			}
			return m[0]
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out waiting for %q; output so far:\n%s", re, b.String())
		}
	}
}

// script is a Lua script run in the background.
type script struct {
	out, errw *lineBuf
	cancel    context.CancelFunc
	done      chan error
}

func scriptPath(name string) string { return filepath.Join("..", "scripts", name) }

// startScript runs scripts/name with args; stdin may be nil.
func startScript(t testing.TB, name string, stdin io.Reader, args ...string) *script {
	t.Helper()
	return startFile(t, scriptPath(name), stdin, args...)
}

func startFile(t testing.TB, path string, stdin io.Reader, args ...string) *script {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &script{out: newLineBuf(), errw: newLineBuf(), cancel: cancel, done: make(chan error, 1)}
	go func() {
		s.done <- RunFile(ctx, path, args, Options{Stdin: stdin, Stdout: s.out, Stderr: s.errw})
	}()
	t.Cleanup(func() { s.stop(t) })
	return s
}

// addr waits for the "listening on HOST:PORT" line.
func (s *script) addr(t testing.TB) string {
	t.Helper()
	return s.out.wait(t, `listening on (\S+:\d+)`, 5*time.Second)
}

// stop cancels the script and waits for it (bounded).
func (s *script) stop(t testing.TB) error {
	s.cancel()
	return s.wait(t, 5*time.Second)
}

var doneErrs sync.Map

func (s *script) wait(t testing.TB, d time.Duration) error {
	t.Helper()
	if v, ok := doneErrs.Load(s); ok {
		err, _ := v.(error)
		return err
	}
	select {
	case err := <-s.done:
		doneErrs.Store(s, err)
		return err
	case <-time.After(d):
		t.Fatalf("script did not end within %v; output:\n%s\nstderr:\n%s", d, s.out, s.errw)
	}
	return nil
}

// python runs a Python program with args and returns its stdout.
func python(t testing.TB, timeout time.Duration, prog string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "python3", append([]string{"-c", prog}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	return string(out)
}

func needPython(t testing.TB) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed")
	}
}

// runLua runs code as a chunk and returns its output and error.
func runLua(t testing.TB, code string, o Options) (string, string, error) {
	t.Helper()
	out, errw := newLineBuf(), newLineBuf()
	o.Stdout, o.Stderr = out, errw
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := RunString(ctx, "test.lua", code, o)
	return out.String(), errw.String(), err
}

func lines(s string) []string {
	var l []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		l = append(l, sc.Text())
	}
	return l
}

// startPython starts a long-running Python peer; its stdout goes to a lineBuf.
func startPython(t testing.TB, prog string, args ...string) (*exec.Cmd, *lineBuf) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return startPythonCtx(t, ctx, prog, args...)
}

func startPythonCtx(t testing.TB, ctx context.Context, prog string, args ...string) (*exec.Cmd, *lineBuf) {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(ctx, "python3", append([]string{"-c", prog}, args...)...)
	out := newLineBuf()
	cmd.Stdout = out
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	return cmd, out
}

func osWriteFile(p, s string) error { return os.WriteFile(p, []byte(s), 0o644) }
