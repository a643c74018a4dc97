package check

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testTimeout is each wait of a case in the tests: short, so that a
// failing case fails fast.
const testTimeout = 1500 * time.Millisecond

func needPython(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the reference programs are Python")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the tests start programs in process groups the Unix way")
	}
	return p
}

// freePort returns a TCP and UDP port that was free a moment ago on
// 127.0.0.1 (the student's programs take a fixed port, not 0).
func freePort(t *testing.T) string {
	t.Helper()
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		_ = ln.Close()
		pc, err := net.ListenPacket("udp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			_ = pc.Close()
			return strconv.Itoa(port)
		}
		u, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			return strconv.Itoa(port) // no UDP here at all (Wine 8): the TCP port will do
		}
		_ = u.Close()
	}
	t.Fatal("no free port")
	return ""
}

// example returns the path of a reference program in examples/python.
func example(name string) string {
	return filepath.Join("..", "examples", "python", name+".py")
}

// mutate writes the reference program name with each old string replaced
// by new, into dir, and returns its path; it fails the test when an old
// string is not in the program (the mutant would be the reference).
func mutate(t *testing.T, name string, pairs ...string) string {
	t.Helper()
	b, err := os.ReadFile(example(name))
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("%s has no %q to mutate", name, pairs[i])
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	p := filepath.Join(t.TempDir(), name+".py")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// check runs the exercise with the command (the port is appended to it as
// the Python programs take it: HOST PORT) and bounds the whole run.
func check(t *testing.T, exercise string, port string, cmd ...string) Report {
	t.Helper()
	x := Lookup(exercise)
	if x == nil {
		t.Fatalf("no exercise %s", exercise)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	rep := Run(ctx, x, Options{Addr: "127.0.0.1:" + port, Timeout: testTimeout, Command: cmd})
	if ctx.Err() != nil {
		t.Fatalf("%s: the check took over 60 s", exercise)
	}
	t.Logf("%s took %v", exercise, time.Since(start).Round(time.Millisecond))
	return rep
}

// python is the command that runs a Python program on 127.0.0.1:port.
func python(path, port string, more ...string) []string {
	return append([]string{"python3", path, "127.0.0.1", port}, more...)
}

// text renders a report as a person sees it, for test logs.
func text(rep Report) string {
	var b strings.Builder
	WriteText(&b, rep, false)
	return b.String()
}

// failed returns the ids of the failing cases.
func failed(rep Report) []string {
	var ids []string
	for _, r := range rep.Cases {
		if !r.Passed {
			ids = append(ids, r.Case)
		}
	}
	return ids
}
