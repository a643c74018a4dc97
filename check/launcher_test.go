package check

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/internal/testnet"
)

// helperVar makes the test binary a stand-in program (see helperMain).
const helperVar = "SOCKLAB_CHECK_TEST_HELPER"

// helperMain runs the test binary as a stand-in for a student's program
// when helperVar asks for one, and reports whether it did. "launcher"
// plays Windows' py.exe (or a venv's python.exe): it starts the real
// program, "echo", as its child and waits for it. "echo" writes its pid
// to the file args[0] and serves an echo on 127.0.0.1:args[1] until it
// is killed. "crlf" prints a traceback as Python on Windows does, its
// lines ending in CRLF, and exits 1.
func helperMain(args []string) bool {
	switch os.Getenv(helperVar) {
	case "launcher":
		self, err := os.Executable()
		if err != nil {
			os.Exit(3)
		}
		cmd := exec.Command(self, args...)
		cmd.Env = append(os.Environ(), helperVar+"=echo")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	case "crlf": // Python on Windows: text lines end in CRLF
		os.Stdout.WriteString("Servidor iniciado\r\n")
		os.Stderr.WriteString("Traceback (most recent call last):\r\nOSError: [WinError 10048] endereço em uso\r\n")
		os.Exit(1)
	case "echo":
		if len(args) != 2 || os.WriteFile(args[0], []byte(strconv.Itoa(os.Getpid())), 0o644) != nil {
			os.Exit(3)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:"+args[1])
		if err != nil {
			os.Exit(4)
		}
		for {
			c, err := ln.Accept()
			if err != nil {
				os.Exit(5)
			}
			go testnet.ServeConn(c, testnet.Echo)
		}
	}
	return false
}

// TestLauncherChildStopped: a server started through a launcher (Windows'
// py.exe starts python.exe as its child and waits for it; so does a
// venv's python.exe) is stopped with the launcher when the check ends.
// On Windows only the launcher was killed, and the server went on holding
// the port: the next check graded that leftover.
func TestLauncherChildStopped(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	_ = ln.Close()
	pidfile := filepath.Join(t.TempDir(), "pid")
	t.Setenv(helperVar, "launcher")
	rep := check(t, "echo-server", port, self, pidfile, port)
	t.Cleanup(func() { // the server, if the check left it
		b, _ := os.ReadFile(pidfile)
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			if p, err := os.FindProcess(pid); err == nil {
				_ = p.Kill()
			}
		}
	})
	if !rep.Passed {
		t.Fatalf("the launched echo server fails:\n%s", text(rep))
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		ln, err := net.Listen("tcp", "127.0.0.1:"+port)
		if err == nil {
			_ = ln.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after the check, the launched server still holds port %s: %v", port, errors.Unwrap(err))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
