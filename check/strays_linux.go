package check

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// strays returns the running descendants of cmd's process that left its
// process group (a daemon's setsid, say), which killing the group misses.
// It reads /proc: each process's parent and group.
func strays(cmd *exec.Cmd) []int {
	if cmd.Process == nil {
		return nil
	}
	root := cmd.Process.Pid
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	type proc struct{ ppid, pgid int }
	procs := map[int]proc{}
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
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]) // state ppid pgrp ...
		if len(f) < 3 || f[0] == "Z" {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgid, _ := strconv.Atoi(f[2])
		procs[pid] = proc{ppid, pgid}
	}
	var out []int
	seen := map[int]bool{root: true}
	for grew := true; grew; { // until no process is found whose parent is a descendant
		grew = false
		for pid, p := range procs {
			if !seen[pid] && seen[p.ppid] {
				seen[pid], grew = true, true
				if p.pgid != root {
					out = append(out, pid)
				}
			}
		}
	}
	return out
}
