package main

import (
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// labUser is the unprivileged account the --lab test runs socklab as.
const labUser = "socklabtest"

// asUser returns a command running the socklab binary as labUser, made
// if missing; the test is skipped where that cannot be done.
func asUser(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("making an unprivileged user needs root (CI runs as root)")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("setpriv (util-linux) is not installed")
	}
	u, err := user.Lookup(labUser)
	if err != nil {
		if out, err := exec.Command("useradd", "-M", "-s", "/usr/sbin/nologin", labUser).CombinedOutput(); err != nil {
			t.Skipf("useradd %s: %v\n%s", labUser, err, out)
		}
		if u, err = user.Lookup(labUser); err != nil {
			t.Fatal(err)
		}
	}
	bin := socklabBin(t)
	if err := os.Chmod(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(setpriv, append([]string{"--reuid=" + u.Uid, "--regid=" + u.Gid, "--clear-groups", bin}, args...)...)
	cmd.Dir = filepath.Dir(bin)
	cmd.Env = append(os.Environ(), "LANG=C")
	return cmd
}

// run runs cmd for at most 20 s and returns its status, stdout and stderr.
func runFor(t *testing.T, cmd *exec.Cmd) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running after 20 s; stdout:\n%s\nstderr:\n%s", out.String(), errOut.String())
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// TestCaptureNeedsRights: as a normal user, capture fails with one clear
// error and the ways out.
func TestCaptureNeedsRights(t *testing.T) {
	status, out, errOut := runFor(t, asUser(t, "-c", "capture on"))
	if status != 1 || !strings.Contains(errOut, "error: capture: not allowed to capture packets") ||
		!strings.Contains(errOut, "socklab --lab") || !strings.Contains(errOut, "setcap cap_net_raw+ep") ||
		strings.Count(errOut, "error:") != 1 {
		t.Fatalf("status %d\nstdout:\n%s\nstderr:\n%s", status, out, errOut)
	}
}

// TestLabCaptures: as a normal user, socklab --lab says where it is and
// captures a connection's handshake on its own loopback.
func TestLabCaptures(t *testing.T) {
	if _, err := os.Stat("/proc/self/ns/user"); err != nil {
		t.Skip("no user namespaces here")
	}
	status, out, errOut := runFor(t, asUser(t, "--lab", "-c",
		"listen 127.0.0.1:8888; capture on; connect 127.0.0.1:8888; close; capture off"))
	if strings.Contains(errOut, "keeps unprivileged user namespaces off") {
		t.Skip("this system keeps unprivileged user namespaces off:", errOut)
	}
	if status != 0 || !strings.Contains(errOut, "socklab --lab: a private network") ||
		!strings.Contains(out, "[SYN]") || !strings.Contains(out, "[SYN, ACK]") || !strings.Contains(out, "[FIN, ACK]") {
		t.Fatalf("status %d\nstdout:\n%s\nstderr:\n%s", status, out, errOut)
	}
}

// TestLabCtrlC: in socklab --lab at a terminal, Ctrl-C cancels the command
// that waits and nothing else. The terminal sends SIGINT to socklab and to
// the lab inside it (one process group); socklab passed it on as well, so
// the lab got it twice, and the second cancelled the next command before
// it was typed: it printed nothing.
func TestLabCtrlC(t *testing.T) {
	if _, err := os.Stat("/proc/self/ns/user"); err != nil {
		t.Skip("no user namespaces here")
	}
	cmd := exec.Command(socklabBin(t), "--lab")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "NO_COLOR=1", "TERM=xterm", "LANG=C")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	screen := &lockedBuffer{}
	go io.Copy(screen, tty)
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		tty.Close()
	})
	mark := 0
	after := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if i := strings.Index(screen.String()[mark:], want); i >= 0 {
				mark += i + len(want)
				return
			}
		}
		t.Fatalf("no %q on the terminal after byte %d:\n%s", want, mark, screen.String()[mark:])
	}
	after("socklab> ")
	if strings.Contains(screen.String(), "keeps unprivileged user namespaces off") {
		t.Skip("this system keeps unprivileged user namespaces off")
	}
	tty.Write([]byte("listen 127.0.0.1:8888\r"))
	after("[1]> ")
	tty.Write([]byte("connect 127.0.0.1:8888\r"))
	after("[2]> ")
	tty.Write([]byte("recv --timeout 30s\r"))
	after("recv --timeout 30s\r\n")
	tty.Write([]byte{3}) // Ctrl-C
	after("recv canceled")
	after("[2]> ")
	tty.Write([]byte("send 1 hi\r"))
	after("is a listener")
}

// lockedBuffer is a strings.Builder for one writer and one reader at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
