//go:build linux

package main

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSendFileFIFOStops: send --file of a FIFO that no one writes to waits
// in open(2); SIGTERM and SIGINT end it, the sockets closed.
func TestSendFileFIFOStops(t *testing.T) {
	fifo := t.TempDir() + "/fifo"
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for _, sg := range signals {
		t.Run(sg.name, func(t *testing.T) {
			addr, got := countingPeer(t)
			p := start(t, false, "-c", "connect "+addr+"; sockets; send 1 --file "+fifo)
			p.expect(t, `^\[1\]`) // sockets ran: send is next
			for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
				if inOpen(p.cmd.Process.Pid) || time.Now().After(deadline) {
					break
				}
			}
			p.cmd.Process.Signal(sg.sig)
			if st := p.wait(t, 3*time.Second); st != 130 {
				t.Errorf("exit status %d after %s, want 130", st, sg.name)
			}
			select {
			case <-got:
			case <-time.After(5 * time.Second):
				t.Error("the connection stayed open")
			}
		})
	}
}

// inOpen reports whether a thread of process pid waits in open(2),
// as far as /proc tells (false where it cannot).
func inOpen(pid int) bool {
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, t := range tasks {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/syscall", pid, t.Name()))
		if strings.HasPrefix(string(b), "257 ") || strings.HasPrefix(string(b), "2 ") { // openat, open (amd64)
			return true
		}
	}
	return false
}
