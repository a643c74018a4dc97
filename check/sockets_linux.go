package check

import (
	"os"
	"strconv"
	"strings"
)

// socketsOf returns the sockets (their inode numbers) open in the process
// group pgid, read from /proc; ok is false when /proc cannot tell.
func socketsOf(pgid int) (inodes []string, ok bool) {
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return nil, false
	}
	for _, d := range dirs {
		if _, err := strconv.Atoi(d.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...: comm may hold spaces, so
		// count from its closing parenthesis.
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 3 || f[2] != strconv.Itoa(pgid) {
			continue
		}
		fds, err := os.ReadDir("/proc/" + d.Name() + "/fd")
		if err != nil {
			continue
		}
		for _, fd := range fds {
			l, err := os.Readlink("/proc/" + d.Name() + "/fd/" + fd.Name())
			if err == nil && strings.HasPrefix(l, "socket:[") {
				inodes = append(inodes, l)
			}
		}
	}
	return inodes, true
}
