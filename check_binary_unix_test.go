//go:build unix

package main

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/socklab/socklab/repl"
)

// TestCheckExitStatus: socklab check's exit status through the binary: 0
// for the list, 2 for bad usage, 1 when a case fails.
func TestCheckExitStatus(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nothing := ln.Addr().String()
	ln.Close() // nothing listens there now
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"check"}, 0, "number-client"},
		{[]string{"check", "nope"}, 2, "no exercise named"},
		{[]string{"check", "echo-client"}, 2, "checks a client"},
		{[]string{"check", "echo-server", nothing, "--timeout", "1s"}, 1, "connection refused"},
	} {
		out, err := runBin(t, c.args...)
		code := 0
		if ee, ok := err.(interface{ ExitCode() int }); ok {
			code = ee.ExitCode()
		}
		if code != c.code || !strings.Contains(string(out), c.says) {
			t.Errorf("%q: exit %d (want %d), output:\n%s", c.args, code, c.code, out)
		}
	}
}

// TestCheckSignal: SIGTERM stops a check that waits (here for a program
// that never listens, with a timeout of an hour): socklab exits at once
// with the signal's status and the program's process group is gone.
func TestCheckSignal(t *testing.T) {
	pidfile := filepath.Join(t.TempDir(), "pid")
	p := start(t, false, "check", "echo-server", "127.0.0.1:1", "--timeout", "1h",
		"--", "sh", "-c", `echo $$ > "$1"; exec sleep 300`, "sh", pidfile)
	var pgid int
	for deadline := time.Now().Add(10 * time.Second); pgid == 0; {
		if b, err := os.ReadFile(pidfile); err == nil && strings.HasSuffix(string(b), "\n") {
			pgid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		} else if time.Now().After(deadline) {
			t.Fatal("the program did not start")
		} else {
			time.Sleep(20 * time.Millisecond)
		}
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 5*time.Second); code != repl.ExitInterrupted {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, repl.ExitInterrupted, p.errw)
	}
	if err := syscall.Kill(-pgid, 0); err == nil {
		if st, _ := os.ReadFile("/proc/" + strconv.Itoa(pgid) + "/stat"); !strings.Contains(string(st), ") Z") {
			syscall.Kill(-pgid, syscall.SIGKILL)
			t.Errorf("the program's process group %d is still there", pgid)
		}
	}
}
