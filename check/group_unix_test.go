//go:build unix

package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestProcessGroupStopped: the program and what it started are stopped
// when the check ends.
func TestProcessGroupStopped(t *testing.T) {
	needPython(t)
	dir := t.TempDir()
	pidfile := filepath.Join(dir, "pid")
	port := freePort(t)
	script := `echo $$ > "$1"; sleep 300 & exec python3 "$2" 127.0.0.1 "$3"`
	rep := check(t, "echo-server", port, "sh", "-c", script, "sh", pidfile, example("echo_server"), port)
	if !rep.Passed {
		t.Fatalf("the wrapped server fails:\n%s", text(rep))
	}
	b, err := os.ReadFile(pidfile)
	if err != nil {
		t.Fatal(err)
	}
	pgid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if alive := groupMembers(t, pgid); len(alive) > 0 {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		t.Fatalf("process group %d still has %v after the check", pgid, alive)
	}
}

// groupMembers returns the processes of group pgid that still run (not
// zombies, which a container's init may leave unreaped), from /proc.
func groupMembers(t *testing.T, pgid int) []string {
	t.Helper()
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc to see processes in")
	}
	var alive []string
	for _, d := range dirs {
		b, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		f := strings.Fields(s[i+1:])
		if len(f) > 2 && f[2] == strconv.Itoa(pgid) && f[0] != "Z" {
			alive = append(alive, s[:i+1])
		}
	}
	return alive
}

// TestStrayOutsideGroupStopped: a process the program started in a
// session of its own (setsid), outside its process group, is stopped too.
func TestStrayOutsideGroupStopped(t *testing.T) {
	needPython(t)
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: only the process group is stopped here")
	}
	setsid, err := exec.LookPath("setsid")
	if err != nil {
		t.Skip("setsid is not installed")
	}
	dir := t.TempDir()
	pidfile := filepath.Join(dir, "pid")
	port := freePort(t)
	script := `"$4" sleep 300 & echo $! > "$1"; exec python3 "$2" 127.0.0.1 "$3"`
	rep := check(t, "echo-server", port, "sh", "-c", script, "sh", pidfile, example("echo_server"), port, setsid)
	if !rep.Passed {
		t.Fatalf("the wrapped server fails:\n%s", text(rep))
	}
	b, err := os.ReadFile(pidfile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		s := string(st)
		if f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]); len(f) > 0 && f[0] != "Z" {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the setsid process %d still runs after the check: %s", pid, s)
		}
	}
}
