package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/socklab/socklab/repl"
)

// These tests run the built socklab binary, as a person does: signals,
// --allow-exec, garbage on stdin, nc mode's refusal to run programs.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// socklabBin builds the binary once per test run.
func socklabBin(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command here to build socklab with (as under Wine)")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "socklab-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "socklab")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, "go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// lockedBuf is a bytes.Buffer safe for a process and the test at once.
type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuf) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuf) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// proc is a socklab process the test started; it is killed at cleanup.
type proc struct {
	cmd  *exec.Cmd
	out  *bufio.Reader // stdout
	errw *lockedBuf
	in   io.WriteCloser
	done chan error
}

func start(t *testing.T, stdin bool, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(socklabBin(t), args...)
	cmd.Dir = "."
	p := &proc{cmd: cmd, errw: &lockedBuf{}, done: make(chan error, 1)}
	cmd.Stderr = p.errw
	if stdin {
		w, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		p.in = w
	}
	r, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.out = bufio.NewReader(r)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill() // by PID; a no-op when it already exited
		<-p.done
	})
	return p
}

// expect reads stdout lines until one matches re (bounded) and returns its
// first submatch.
func (p *proc) expect(t *testing.T, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	type line struct {
		s   string
		err error
	}
	ch := make(chan line, 1)
	var seen []string
	deadline := time.After(10 * time.Second)
	for {
		go func() { s, err := p.out.ReadString('\n'); ch <- line{s, err} }()
		select {
		case l := <-ch:
			seen = append(seen, l.s)
			if m := rx.FindStringSubmatch(l.s); m != nil {
				return m[len(m)-1]
			}
			if l.err != nil {
				t.Fatalf("stdout ended (%v) before %q; stdout:\n%s\nstderr:\n%s", l.err, re, strings.Join(seen, ""), p.errw)
			}
		case <-deadline:
			t.Fatalf("no %q on stdout within 10 s; stdout:\n%s\nstderr:\n%s", re, strings.Join(seen, ""), p.errw)
		}
	}
}

// wait waits (bounded) for the process to exit and returns its exit code.
func (p *proc) wait(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for the cleanup
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(d):
		t.Fatalf("socklab did not exit within %v; stderr:\n%s", d, p.errw)
	}
	return -1
}

// echoed connects to addr and checks one echo round trip.
func echoed(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(5 * time.Second))
	c.Write([]byte("ping"))
	b := make([]byte, 4)
	if _, err := io.ReadFull(c, b); err != nil || string(b) != "ping" {
		t.Fatalf("echo: %q, %v", b, err)
	}
	return c
}

// closedPromptly checks that the peer of c closes within 2 s.
func closedPromptly(t *testing.T, c net.Conn) {
	t.Helper()
	start := time.Now()
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	n, err := c.Read(make([]byte, 16))
	if n != 0 || err == nil || os.IsTimeout(err) {
		t.Fatalf("client still open %v after the signal: %d, %v", time.Since(start), n, err)
	}
}

var signals = []struct {
	name string
	sig  syscall.Signal
}{{"SIGTERM", syscall.SIGTERM}, {"SIGINT", syscall.SIGINT}}

// TestSignalStopsScript: SIGTERM and SIGINT stop `socklab scripts/echo.lua`,
// which closes its clients (they read end of stream) and exits promptly.
func TestSignalStopsScript(t *testing.T) {
	for _, sg := range signals {
		t.Run(sg.name, func(t *testing.T) {
			p := start(t, false, "scripts/echo.lua", "127.0.0.1:0", "--quiet")
			addr := p.expect(t, `listening on (\S+:\d+)`)
			c1, c2 := echoed(t, addr), echoed(t, addr)
			p.cmd.Process.Signal(sg.sig)
			closedPromptly(t, c1)
			closedPromptly(t, c2)
			code := p.wait(t, 5*time.Second)
			if code != repl.ExitInterrupted || strings.Contains(p.errw.String(), "panic") {
				t.Errorf("exit %d; stderr:\n%s", code, p.errw)
			}
			if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				t.Errorf("%s still accepts connections after exiting", addr)
			}
		})
	}
}

// TestSignalStopsShell: the same for the shell reading commands from a
// pipe that stays open, with a listener and an accepted client.
func TestSignalStopsShell(t *testing.T) {
	for _, sg := range signals {
		t.Run(sg.name, func(t *testing.T) {
			p := start(t, true)
			fmt.Fprintln(p.in, "listen 127.0.0.1:0")
			addr := p.expect(t, `\[1\] tcp listen (127\.0\.0\.1:\d+)`)
			c, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			fmt.Fprintln(p.in, "accept; send hi")
			p.expect(t, `\[2\] sent 2 bytes`)
			p.cmd.Process.Signal(sg.sig)
			c.SetReadDeadline(time.Now().Add(2 * time.Second))
			b, err := io.ReadAll(c)
			if string(b) != "hi" || os.IsTimeout(err) {
				t.Fatalf("client read %q, %v: not closed promptly after %s", b, err, sg.name)
			}
			if code := p.wait(t, 5*time.Second); code != repl.ExitInterrupted {
				t.Errorf("exit %d after %s, want %d", code, sg.name, repl.ExitInterrupted)
			}
		})
	}
}

// TestSignalCancelsBlockedShell: a signal while a command waits (accept)
// ends the wait and the shell.
func TestSignalCancelsBlockedShell(t *testing.T) {
	p := start(t, false, "-c", "listen 127.0.0.1:0; accept")
	p.expect(t, `\[1\] tcp listen`)
	time.Sleep(50 * time.Millisecond) // let accept start waiting; earlier is fine too
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 5*time.Second); code != repl.ExitInterrupted {
		t.Errorf("exit %d after SIGTERM, want %d; stderr:\n%s", code, repl.ExitInterrupted, p.errw)
	}
}

// TestAllowExec: scripts cannot run programs unless --allow-exec is given.
func TestAllowExec(t *testing.T) {
	socklabBin(t) // before t.TempDir: without go the test skips, and leaves nothing to remove
	dir := t.TempDir()
	script := filepath.Join(dir, "exec.lua")
	os.WriteFile(script, []byte(`
local ok, err = pcall(os.execute, "echo via-execute")
print("execute", ok, err)
local ok2, f = pcall(io.popen, "echo via-popen")
if ok2 and f then print("popen", f:read("*l")); f:close() else print("popen", ok2, f) end
`), 0o644)
	for _, allow := range []bool{false, true} {
		args := []string{script}
		if allow {
			args = []string{"--allow-exec", script}
		}
		out, err := runBin(t, args...)
		got := string(out)
		if !allow {
			if strings.Contains(got, "via-") || !strings.Contains(got, "os.execute is off: run socklab with --allow-exec") ||
				!strings.Contains(got, "io.popen is off") {
				t.Errorf("without --allow-exec (%v):\n%s", err, got)
			}
		} else if err != nil || !strings.Contains(got, "via-execute") || !strings.Contains(got, "popen\tvia-popen") {
			t.Errorf("with --allow-exec (%v):\n%s", err, got)
		}
	}
	// A script that calls it directly fails with the message and status 1.
	os.WriteFile(script, []byte(`os.execute("true")`), 0o644)
	out, err := runBin(t, script)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "--allow-exec") {
		t.Errorf("direct os.execute: %v\n%s", err, out)
	}
}

// TestStdinGarbage: random bytes as the shell's input give error lines,
// never a panic, never a raw escape byte, and the shell ends with status 1.
func TestStdinGarbage(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	junk := make([]byte, 256<<10)
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	junk = append(junk, "\nsockets\nlisten 127.0.0.1:0\n"...)
	bin := socklabBin(t) // before the deadline starts: the build can take minutes under load
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Stdin = bytes.NewReader(junk)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v", err)
	}
	if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "internal error") {
		t.Fatalf("stderr: %s", stderr.String())
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if l != "" && !strings.HasPrefix(l, "error: ") && !strings.HasPrefix(l, "hint: ") {
			t.Errorf("stderr line not an error or hint: %q", l)
		}
	}
	for _, b := range [][]byte{stdout.Bytes(), stderr.Bytes()} {
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 || r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 {
				t.Fatalf("%U reached the terminal raw, in %q", r, b[max(0, i-40):min(len(b), i+40)])
			}
			i += size
		}
	}
	if !strings.Contains(stdout.String(), "tcp listen 127.0.0.1:") {
		t.Errorf("the shell did not go on after the garbage; stdout:\n%s", stdout.String())
	}
}

// TestNcRefusesExec: nc mode has no way to run programs.
func TestNcRefusesExec(t *testing.T) {
	for _, args := range [][]string{{"nc", "-e", "/bin/sh", "127.0.0.1", "1"}, {"nc", "-c", "sh", "127.0.0.1", "1"}} {
		out, err := runBin(t, args...)
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "not supported") {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}
}

// runBin runs the socklab binary with args and returns its combined
// output; a run that takes over 30 s (a hang) is killed.
func runBin(t *testing.T, args ...string) ([]byte, error) {
	t.Helper()
	bin := socklabBin(t) // first: the build can take minutes on a loaded machine
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, bin, args...).CombinedOutput()
}

// TestScriptErrorTraceback: a script whose main chunk fails exits 1 with
// the error's file:line and, below it, where it was raised.
func TestScriptErrorTraceback(t *testing.T) {
	socklabBin(t) // before t.TempDir: without go the test skips, and leaves nothing to remove
	script := filepath.Join(t.TempDir(), "tb.lua")
	os.WriteFile(script, []byte("local function inner() local x = nil; return x.y end\ninner()\n"), 0o644)
	out, err := runBin(t, script)
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 || !strings.HasPrefix(string(out), "error: "+script+":1: attempt to index") ||
		!strings.Contains(string(out), "stack traceback:") || !strings.Contains(string(out), "in function 'inner'") {
		t.Errorf("%v:\n%s", err, out)
	}
}

// TestOverlongInputLine: a piped line over 1 MiB is skipped with an error
// that says how to send a file instead; the next line still runs, and the
// exit status is 1.
func TestOverlongInputLine(t *testing.T) {
	bin := socklabBin(t) // before the deadline starts: the build can take minutes under load
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Stdin = strings.NewReader(strings.Repeat("x", 2<<20) + "\nhelp quit\n")
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "input line longer than") ||
		!strings.Contains(string(out), "send --file FILE") || !strings.Contains(string(out), "usage: quit") {
		t.Errorf("%v:\n%.500s", err, out)
	}
}
