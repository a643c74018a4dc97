package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the binary under an address-space limit (prlimit --as),
// a little above what it needs to start, so that a size someone typed
// that turns into an allocation fails the test instead of taking the
// machine down.

var (
	asOnce  sync.Once
	asLimit int64

	staticOnce sync.Once
	staticPath string
	staticErr  error
)

// limitedBin builds, once per test run, the binary the limit applies to,
// with CGO_ENABLED=0: with cgo every thread the runtime starts reserves
// an 8 MB C stack, and how many threads a run starts depends on the
// machine's load, so the limit was sometimes too small to start a thread
// ("pthread_create failed") and is otherwise not precise. Without cgo a
// thread's stack is a few KB of the Go heap.
func limitedBin(t *testing.T) string {
	t.Helper()
	socklabBin(t) // skips where there is no go command; its directory is removed at the end
	staticOnce.Do(func() {
		staticPath = binPath + "-nocgo"
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "build", "-o", staticPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			staticErr = fmt.Errorf("go build (CGO_ENABLED=0): %v\n%s", err, out)
		}
	})
	if staticErr != nil {
		t.Fatal(staticErr)
	}
	return staticPath
}

// limitedAS returns an address-space limit about 150 MB above the smallest
// one the binary starts under: an allocation of 256 MiB cannot fit.
func limitedAS(t *testing.T) int64 {
	t.Helper()
	if _, err := exec.LookPath("prlimit"); err != nil {
		t.Skip("prlimit (util-linux) is not installed")
	}
	bin := limitedBin(t)
	asOnce.Do(func() {
		for as := int64(400e6); as <= 4e9; as += 50e6 {
			c := exec.Command("prlimit", "--as="+strconv.FormatInt(as, 10), bin, "-c", "help")
			c.Env = limitedEnv()
			if c.Run() == nil {
				asLimit = as + 150e6
				return
			}
		}
	})
	if asLimit == 0 {
		t.Skip("socklab does not start under any address-space limit up to 4 GB")
	}
	return asLimit
}

// limitedEnv is the environment of a run under the limit: one malloc arena
// (the C library reserves 64 MB of address space for each thread's arena
// otherwise, which is not what the limit is about).
func limitedEnv() []string { return append(os.Environ(), "MALLOC_ARENA_MAX=1") }

// runLimited runs socklab -c line under the limit and returns its output
// and exit status.
func runLimited(t *testing.T, line string) (string, int) {
	t.Helper()
	as := limitedAS(t)
	cmd := exec.Command("timeout", "-k", "5", "30", "prlimit", "--as="+strconv.FormatInt(as, 10), limitedBin(t), "-c", line)
	cmd.Env = limitedEnv()
	out, err := cmd.CombinedOutput()
	status := 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), status
}

// holdingPeer listens on 127.0.0.1 and keeps every client open, silent.
func holdingPeer(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// TestTypedSizes: a size typed for recv or recvfrom is range-checked with a
// clear error, never allocated (5000000000 ran out of memory) and never
// overflowed (9223372036854775807 panicked in makeslice); the largest
// size accepted, 256 MiB, allocates nothing by itself either.
func TestTypedSizes(t *testing.T) {
	addr := holdingPeer(t)
	const tooBig = "bad size"
	cases := []struct{ line, want string }{
		{"connect " + addr + "; recv 1 5000000000 --timeout 1ms", tooBig},
		{"listen udp 127.0.0.1:0; recvfrom 1 5000000000 --timeout 1ms", tooBig},
		{"connect " + addr + "; recv 1 9223372036854775807 --timeout 1ms", tooBig},
		{"connect " + addr + "; recv 1 --all 9223372036854775807 --timeout 1ms", tooBig},
		{"connect " + addr + "; recv 1 --line 9223372036854775808 --timeout 1ms", tooBig},
		{"listen udp 127.0.0.1:0; recvfrom 9223372036854775807 --timeout 1ms", tooBig},
		{"listen udp 127.0.0.1:0; recvfrom 1 268435457 --timeout 1ms", tooBig},
		{"connect " + addr + "; recv 1 268435456 --timeout 1ms", "timed out"},
		{"connect " + addr + "; recv 1 --all 268435456 --timeout 1ms", "timed out"},
		{"connect " + addr + "; recv 1 --until END 268435456 --timeout 1ms", "timed out"},
		{"listen udp 127.0.0.1:0; recvfrom 1 268435456 --timeout 1ms", "timed out"},
		{"listen udp 127.0.0.1:0; recv 1 268435456 --timeout 1ms", "timed out"},
	}
	for _, c := range cases {
		out, status := runLimited(t, c.line)
		if status != 1 || !strings.Contains(out, "error: ") || !strings.Contains(out, c.want) ||
			strings.Contains(out, "internal error") || strings.Contains(out, "fatal error") {
			t.Errorf("socklab -c %q: exit %d, want 1 with an error saying %q:\n%s", c.line, status, c.want, cut(out))
		}
	}
}

func cut(s string) string {
	if len(s) > 600 {
		return s[:600] + "..."
	}
	return s
}

// TestOverlongContinuedLine: a line continued with a backslash whose next
// part is longer than the 1 MiB limit is skipped whole, with the error:
// neither its first part nor a part after the long one runs, and the exit
// status is 1. (The first part used to be sent and the rest run as its own
// command, exit 0.)
func TestOverlongContinuedLine(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			got <- err.Error()
			return
		}
		defer c.Close()
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		b, _ := io.ReadAll(c)
		got <- string(b)
	}()
	input := "connect " + ln.Addr().String() + "\n" +
		"send 1 FIRST \\\n" + strings.Repeat("b", 2<<20) + " \\\n" + "LATER\n" +
		"send 1 END\n"
	cmd := exec.Command("timeout", "-k", "5", "30", socklabBin(t))
	cmd.Stdin = strings.NewReader(input)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	status := 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	}
	if status != 1 || !strings.Contains(stderr.String(), "input line longer than 1048576 bytes: skipped") {
		t.Errorf("exit %d, stderr:\n%s", status, cut(stderr.String()))
	}
	select {
	case b := <-got:
		if b != "END" {
			t.Errorf("the peer got %q, want only \"END\"", cut(b))
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the peer's connection did not end")
	}
}

// countingPeer accepts one client and counts what it sends until it
// closes; the count arrives on the channel.
func countingPeer(t *testing.T) (string, <-chan int64) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	n := make(chan int64, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			n <- -1
			return
		}
		defer c.Close()
		c.SetReadDeadline(time.Now().Add(60 * time.Second))
		m, _ := io.Copy(io.Discard, c)
		n <- m
	}()
	return ln.Addr().String(), n
}

// TestSendFileStreams: send --file streams what it reads, holding one
// chunk: /dev/zero (which never ends) until --timeout, and a 200 MB pipe
// whole, byte for byte, both under an address-space limit that holding
// them would exceed (they peaked at 1.06 GB and 532 MB).
func TestSendFileStreams(t *testing.T) {
	as := limitedAS(t)
	addr, _ := countingPeer(t)
	out, status := runLimited(t, "connect "+addr+"; send 1 --file /dev/zero --timeout 500ms")
	if status != 1 || !strings.Contains(out, "timed out") || strings.Contains(out, "fatal error") {
		t.Errorf("send --file /dev/zero --timeout 500ms: exit %d\n%s", status, cut(out))
	}

	addr, got := countingPeer(t)
	const size = 200 << 20
	cmd := exec.Command("timeout", "-k", "5", "60", "prlimit", "--as="+strconv.FormatInt(as, 10), limitedBin(t),
		"-c", "connect "+addr+"; send 1 --file /dev/stdin; close 1")
	cmd.Env = limitedEnv()
	w, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var outb strings.Builder
	cmd.Stdout, cmd.Stderr = &outb, &outb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		chunk := make([]byte, 1<<20)
		for range size / len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				break
			}
		}
		w.Close()
	}()
	err = cmd.Wait()
	if err != nil || !strings.Contains(outb.String(), "sent 209715200 bytes") {
		t.Errorf("send --file of a 200 MB pipe: %v\n%s", err, cut(outb.String()))
	}
	select {
	case n := <-got:
		if n != size {
			t.Errorf("the peer got %d bytes, want %d", n, size)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the peer's connection did not end")
	}
}
