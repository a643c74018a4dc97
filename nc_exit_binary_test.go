package main

import (
	"io"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"
)

// netcat-openbsd 1.219 ignores SIGPIPE: when whoever reads its stdout goes
// away, or the peer resets the connection, it exits 0 without a word. These
// tests check that socklab nc ends the same way on each of its copy paths
// (splice(2) without -w, read/write with -w), and, where nc is installed,
// that nc really does.

// ncCommand returns the command line of socklab nc, or of the real nc.
func ncCommand(t *testing.T, real bool, args ...string) *exec.Cmd {
	if !real {
		return exec.Command(socklabBin(t), append([]string{"nc"}, args...)...)
	}
	nc, err := exec.LookPath("nc")
	if err != nil {
		t.Skip("netcat-openbsd (nc) is not installed")
	}
	return exec.Command(nc, args...)
}

// flood accepts one client and sends to it until the connection fails.
func flood(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.SetWriteDeadline(time.Now().Add(20 * time.Second))
		buf := make([]byte, 64<<10)
		for {
			if _, err := c.Write(buf); err != nil {
				return
			}
		}
	}()
	return ln.Addr().String()
}

// exitOf waits (bounded) for cmd and returns its exit status, -1 for a
// death by signal.
func exitOf(t *testing.T, cmd *exec.Cmd, done <-chan error) int {
	t.Helper()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not exit within 10 s", cmd.Path)
	}
	return 0
}

func startNc(t *testing.T, cmd *exec.Cmd) <-chan error {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	return done
}

func TestNcBrokenStdoutPipe(t *testing.T) {
	for _, real := range []bool{false, true} {
		for _, flags := range [][]string{nil, {"-w", "5"}} {
			name := map[bool]string{false: "socklab", true: "nc"}[real]
			t.Run(name+fmtFlags(flags), func(t *testing.T) {
				host, port, _ := net.SplitHostPort(flood(t))
				cmd := ncCommand(t, real, append(flags, host, port)...)
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				cmd.Stdout = w
				stderr := &lockedBuf{}
				cmd.Stderr = stderr
				done := startNc(t, cmd)
				w.Close()
				if _, err := io.ReadFull(r, make([]byte, 10)); err != nil {
					t.Fatal(err)
				}
				r.Close() // the reader goes away, as `| head -c 10` does
				if st := exitOf(t, cmd, done); st != 0 || stderr.String() != "" {
					t.Fatalf("exit status %d, stderr %q; want 0 and nothing, as netcat-openbsd", st, stderr)
				}
			})
		}
	}
}

func TestNcPeerReset(t *testing.T) {
	for _, real := range []bool{false, true} {
		for _, flags := range [][]string{nil, {"-w", "5"}} {
			name := map[bool]string{false: "socklab", true: "nc"}[real]
			t.Run(name+fmtFlags(flags), func(t *testing.T) {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				defer ln.Close()
				host, port, _ := net.SplitHostPort(ln.Addr().String())
				cmd := ncCommand(t, real, append(flags, host, port)...)
				stdin, err := cmd.StdinPipe() // left open: only the reset may end nc
				if err != nil {
					t.Fatal(err)
				}
				defer stdin.Close()
				out, err := cmd.StdoutPipe()
				if err != nil {
					t.Fatal(err)
				}
				stderr := &lockedBuf{}
				cmd.Stderr = stderr
				done := startNc(t, cmd)
				ln.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second))
				c, err := ln.Accept()
				if err != nil {
					t.Fatal(err)
				}
				c.Write([]byte("hello\n"))
				got := make([]byte, 6)
				if _, err := io.ReadFull(out, got); err != nil || string(got) != "hello\n" {
					t.Fatalf("stdout %q, %v", got, err)
				}
				c.(*net.TCPConn).SetLinger(0)
				c.Close() // RST
				if st := exitOf(t, cmd, done); st != 0 || stderr.String() != "" {
					t.Fatalf("exit status %d, stderr %q; want 0 and nothing, as netcat-openbsd", st, stderr)
				}
			})
		}
	}
}

func fmtFlags(f []string) string {
	s := ""
	for _, x := range f {
		s += "_" + x
	}
	return s
}
