package main

import (
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
