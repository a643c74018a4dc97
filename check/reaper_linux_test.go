package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// procStat returns process pid's state letter and start time from /proc,
// and false when there is no such process (not even a zombie).
func procStat(pid int) (state string, start uint64, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", 0, false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 20 {
		return "", 0, false
	}
	start, _ = strconv.ParseUint(f[19], 10, 64)
	return f[0], start, true
}

// readPIDs reads the pids a script wrote to path, one a line.
func readPIDs(t *testing.T, path string) []int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, l := range strings.Fields(string(b)) {
		pid, err := strconv.Atoi(l)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		pids = append(pids, pid)
	}
	return pids
}

// endLater kills process pid (the very one whose start time is start)
// when the test ends, and reaps it if it is this process's child, so that
// a failing test leaves nothing behind.
func endLater(t *testing.T, pid int, start uint64) {
	t.Cleanup(func() {
		if _, s, ok := procStat(pid); !ok || s != start {
			return
		}
		_ = syscall.Kill(pid, syscall.SIGKILL)
		for range 100 {
			var ws unix.WaitStatus
			if n, err := unix.Wait4(pid, &ws, unix.WNOHANG, nil); n == pid || err != nil {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// orphanCheck runs a check of exercise whose program first starts
// `setsid sleep 300` from a subshell that exits at once (a daemon's
// double fork: the sleeper is orphaned and left outside the program's
// process group and session), then execs python3 with the reference
// program name and args ("PORT" replaced by the port); it returns the
// sleepers' pids, one per start of the program.
func orphanCheck(t *testing.T, exercise, name string, args ...string) []int {
	t.Helper()
	needPython(t)
	setsid, err := exec.LookPath("setsid")
	if err != nil {
		t.Skip("setsid is not installed")
	}
	pidfile := filepath.Join(t.TempDir(), "pid")
	port := freePort(t)
	script := `("$1" sleep 300 & echo $! >> "$2"); shift 2; exec python3 "$@"`
	cmd := append([]string{"sh", "-c", script, "sh", setsid, pidfile, example(name)}, args...)
	for i := range cmd {
		cmd[i] = strings.ReplaceAll(cmd[i], "PORT", port)
	}
	rep := check(t, exercise, port, cmd...)
	pids := readPIDs(t, pidfile)
	for _, pid := range pids {
		if _, start, ok := procStat(pid); ok {
			endLater(t, pid, start)
		}
	}
	if !rep.Passed {
		t.Fatalf("the wrapped program fails:\n%s", text(rep))
	}
	return pids
}

// allGone fails the test for each of pids that is still there.
func allGone(t *testing.T, pids []int) {
	t.Helper()
	for _, pid := range pids {
		if state, _, ok := procStat(pid); ok {
			t.Errorf("the daemon %d is still there after the check (state %s)", pid, state)
		}
	}
}

// TestOrphanedDaemonStopped: a server's daemon whose parent exited at
// once (so it was never below the server when it was stopped) is stopped
// and reaped when the check ends: no process, not even a zombie, is left.
func TestOrphanedDaemonStopped(t *testing.T) {
	allGone(t, orphanCheck(t, "echo-server", "echo_server", "127.0.0.1", "PORT"))
}

// TestExitedClientsDaemonStopped: a client that exits by itself, leaving
// a daemon behind, has it stopped and reaped when the check ends.
func TestExitedClientsDaemonStopped(t *testing.T) {
	allGone(t, orphanCheck(t, "echo-client", "echo_client", "127.0.0.1", "PORT"))
}

// TestOthersLeftAlone: being a subreaper does not make the check stop or
// reap processes that are not the program's: an orphan re-parented to
// this process from elsewhere, and a child this process started itself,
// both still run after a check whose program leaves a daemon.
func TestOthersLeftAlone(t *testing.T) {
	needPython(t)
	setsid, err := exec.LookPath("setsid")
	if err != nil {
		t.Skip("setsid is not installed")
	}
	becomeReaper()
	peer := exec.Command("sleep", "300")
	if err := peer.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = peer.Process.Kill(); _ = peer.Wait() }()
	out, err := exec.Command("sh", "-c", `("$0" sleep 300 >/dev/null 2>&1 & echo $!)`, setsid).Output()
	if err != nil {
		t.Fatal(err)
	}
	orphan, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	_, start, ok := procStat(orphan)
	if !ok {
		t.Fatalf("the orphan %d did not start", orphan)
	}
	endLater(t, orphan, start)

	orphanCheck(t, "echo-server", "echo_server", "127.0.0.1", "PORT")
	for _, pid := range []int{peer.Process.Pid, orphan} {
		if state, _, ok := procStat(pid); !ok || state == "Z" {
			t.Errorf("process %d, not the program's, was stopped by the check (state %q)", pid, state)
		}
	}
}
