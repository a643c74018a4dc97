package check

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// This file finds what a program under test left running outside its
// process group, which killing the group misses: a process in a session
// of its own (setsid), and a daemon whose parent exited (a double fork).
// socklab makes itself a child subreaper, so that such an orphan is
// re-parented to socklab instead of to init, and a family stops and reaps
// every descendant of its program, and no other process.

// runVar is set in the environment of each program under test, to a value
// of its own: a process re-parented to socklab is the program's when it
// carries it (the environment is inherited through fork and exec).
const runVar = "SOCKLAB_CHECK_RUN"

// finishBound bounds how long finish keeps killing and reaping.
const finishBound = 2 * time.Second

var (
	reaperOnce sync.Once
	runs       atomic.Uint64
)

// becomeReaper makes this process a child subreaper, once: orphans of its
// descendants are re-parented to it (prctl PR_SET_CHILD_SUBREAPER). When
// that fails, they go to init, and only those found while their parent
// runs are stopped.
func becomeReaper() {
	reaperOnce.Do(func() { _ = unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) })
}

// family is a program under test and every process it started.
type family struct {
	root  int            // the program's pid, once started
	token string         // runVar's value in its environment
	known map[int]uint64 // descendants seen: pid → start time
	mu    sync.Mutex     // guards known
	dead  func() bool    // reports whether root has been reaped
	self  int            // this process's pid
}

// procEntry is what /proc/PID/stat says of a process.
type procEntry struct {
	pid, ppid, pgid int
	zombie          bool
	start           uint64 // start time, in clock ticks after boot
}

// newFamily prepares cmd: it marks its environment and makes this
// process a subreaper. started must be called once cmd has started.
func newFamily(cmd *exec.Cmd) *family {
	becomeReaper()
	f := &family{token: fmt.Sprintf("%d.%d", os.Getpid(), runs.Add(1)), known: map[int]uint64{}, self: os.Getpid()}
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(env, runVar+"="+f.token)
	return f
}

// started records the started program; dead reports whether it has been
// reaped (its pid may then be another process's).
func (f *family) started(pid int, dead func() bool) { f.root, f.dead = pid, dead }

// signal sends every live descendant of the program SIGTERM, or SIGKILL
// when hard. The program itself is left to killGroup.
func (f *family) signal(hard bool) {
	sig := syscall.SIGTERM
	if hard {
		sig = syscall.SIGKILL
	}
	for _, e := range f.members() {
		if !e.zombie {
			_ = syscall.Kill(e.pid, sig)
		}
	}
}

// finish kills every descendant the program left, once it has been
// reaped, and reaps those re-parented here, until none is left or
// finishBound passes.
func (f *family) finish() {
	end := time.Now().Add(finishBound)
	for {
		left := false
		for _, e := range f.members() {
			switch {
			case !e.zombie:
				_ = syscall.Kill(e.pid, syscall.SIGKILL)
				left = true
			case e.ppid == f.self:
				var ws unix.WaitStatus
				if n, err := unix.Wait4(e.pid, &ws, unix.WNOHANG, nil); n == 0 && err == nil {
					left = true
				}
			}
		}
		if !left || time.Now().After(end) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// members returns the program's descendants (not the program): the
// processes below it while it runs, and those re-parented here that carry
// its mark (runVar, its process group, or an earlier sighting), with the
// processes below them. It reads /proc.
func (f *family) members() []procEntry {
	if f.root == 0 {
		return nil
	}
	rootAlive := !f.dead()
	procs := readProcs()
	f.mu.Lock()
	defer f.mu.Unlock()
	in := map[int]bool{}
	if rootAlive {
		in[f.root] = true
	}
	for _, e := range procs {
		if e.pid == f.root {
			continue
		}
		if start, ok := f.known[e.pid]; ok && start == e.start {
			in[e.pid] = true
		} else if e.ppid == f.self && (e.pgid == f.root || f.marked(e.pid)) {
			in[e.pid] = true
		}
	}
	for grew := true; grew; { // until no process is found whose parent is a member
		grew = false
		for _, e := range procs {
			if !in[e.pid] && in[e.ppid] && e.pid != f.root {
				in[e.pid], grew = true, true
			}
		}
	}
	var out []procEntry
	for _, e := range procs {
		if in[e.pid] && e.pid != f.root {
			f.known[e.pid] = e.start
			out = append(out, e)
		}
	}
	return out
}

// marked reports whether process pid carries the family's runVar.
func (f *family) marked(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	if err != nil {
		return false
	}
	return bytes.Contains(append([]byte{0}, b...), []byte("\x00"+runVar+"="+f.token+"\x00"))
}

// readProcs reads every process's parent, group, state and start time
// from /proc.
func readProcs() []procEntry {
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []procEntry
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		// After the command's name: state ppid pgrp session tty_nr tpgid
		// flags minflt cminflt majflt cmajflt utime stime cutime cstime
		// priority nice num_threads itrealvalue starttime ...
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 20 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgid, _ := strconv.Atoi(f[2])
		start, _ := strconv.ParseUint(f[19], 10, 64)
		out = append(out, procEntry{pid: pid, ppid: ppid, pgid: pgid, zombie: f[0] == "Z", start: start})
	}
	return out
}
