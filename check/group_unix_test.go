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
	pgid := wrappedServer(t, `echo $$ > "$1"; sleep 300 & exec python3 "$2" 127.0.0.1 "$3"`)
	if alive := groupMembers(t, pgid); len(alive) > 0 {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		t.Fatalf("process group %d still has %v after the check", pgid, alive)
	}
}

// wrappedServer checks the course's echo server started by the sh script
// (its $1 a file to write a pid to, $2 the server, $3 the port, $4 the
// extra argument if any) and returns the pid the script wrote.
func wrappedServer(t *testing.T, script string, extra ...string) int {
	t.Helper()
	needPython(t)
	pidfile := filepath.Join(t.TempDir(), "pid")
	port := freePort(t)
	args := append([]string{"sh", "-c", script, "sh", pidfile, example("echo_server"), port}, extra...)
	rep := check(t, "echo-server", port, args...)
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
	return pid
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
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: only the process group is stopped here")
	}
	setsid, err := exec.LookPath("setsid")
	if err != nil {
		t.Skip("setsid is not installed")
	}
	pid := wrappedServer(t, `"$4" sleep 300 & echo $! > "$1"; exec python3 "$2" 127.0.0.1 "$3"`, setsid)
	if st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		s := string(st)
		if f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]); len(f) > 0 && f[0] != "Z" {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the setsid process %d still runs after the check: %s", pid, s)
		}
	}
}
