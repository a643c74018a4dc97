//go:build linux

package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/socklab/socklab/repl"
)

// TestSignalStopsGoBuiltin: a script inside a Go function that cannot be
// interrupted (a pattern that backtracks for ever) still stops within a
// couple of seconds of SIGINT or SIGTERM, its client closed.
func TestSignalStopsGoBuiltin(t *testing.T) {
	script := filepath.Join(t.TempDir(), "spin.lua")
	os.WriteFile(script, []byte(`
local l = assert(net.listen("tcp", "127.0.0.1:0"))
print("listening on " .. table.concat({l:localaddr()}, ":"))
local c = l:accept()
print("spinning")
string.find(string.rep("a", 40), string.rep("a*", 40) .. "b")
`), 0o644)
	for _, sg := range signals {
		t.Run(sg.name, func(t *testing.T) {
			p := start(t, false, script)
			addr := p.expect(t, `listening on (\S+:\d+)`)
			c, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			p.expect(t, "spinning")
			began := time.Now()
			p.cmd.Process.Signal(sg.sig)
			code := p.wait(t, 5*time.Second)
			if d := time.Since(began); d > 3*time.Second || code != repl.ExitInterrupted {
				t.Errorf("exit %d after %v; stderr:\n%s", code, d, p.errw)
			}
			closedPromptly(t, c)
		})
	}
}

// TestSignalStopsFIFOScript: `socklab FIFO.lua` waits for a writer to
// open the FIFO; SIGINT ends that wait.
func TestSignalStopsFIFOScript(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.lua")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	p := start(t, false, fifo)
	// A signal before the handler is installed kills the process outright:
	// wait (bounded) until a thread waits in the FIFO's open, which comes
	// after it.
	for deadline := time.Now().Add(5 * time.Second); !inFIFOOpen(p.cmd.Process.Pid); {
		if time.Now().After(deadline) {
			t.Skip("cannot see the process wait in open(2) (/proc/PID/task/*/wchan)")
		}
		time.Sleep(10 * time.Millisecond) // polling /proc, not synchronising
	}
	p.cmd.Process.Signal(syscall.SIGINT)
	code := p.wait(t, 3*time.Second)
	if code != repl.ExitInterrupted || strings.Contains(p.errw.String(), "panic") {
		t.Errorf("exit %d; stderr:\n%s", code, p.errw)
	}
}

// inFIFOOpen reports whether a thread of process pid waits for the other
// end of a FIFO (Linux).
func inFIFOOpen(pid int) bool {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/wchan", pid))
	for _, w := range tasks {
		if b, err := os.ReadFile(w); err == nil && strings.TrimSpace(string(b)) == "wait_for_partner" {
			return true
		}
	}
	return false
}

// TestQuitEndsStuckBackgroundChunk: quit waits for the background chunks;
// one stuck in a Go function that cannot be interrupted gets a second,
// then the shell exits (it waited for ever).
func TestQuitEndsStuckBackgroundChunk(t *testing.T) {
	p := start(t, true)
	p.in.Write([]byte(`lua 'print("spinning") string.find(string.rep("a", 40), string.rep("a*", 40) .. "b")' &` + "\n"))
	p.expect(t, "spinning")
	began := time.Now()
	p.in.Write([]byte("quit\n"))
	p.wait(t, 5*time.Second)
	if d := time.Since(began); d > 3*time.Second {
		t.Errorf("quit took %v", d)
	}
}
