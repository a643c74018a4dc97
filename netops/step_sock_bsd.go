//go:build unix && !linux

package netops

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// sysSocket makes a close-on-exec, non-blocking socket. This system has no
// SOCK_CLOEXEC, so the fork lock keeps a concurrent exec from inheriting it.
func sysSocket(fam, typ int) (int, error) {
	syscall.ForkLock.RLock()
	fd, err := unix.Socket(fam, typ, 0)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, err
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

// somaxconn is the backlog a listen without one gets.
func somaxconn() int { return unix.SOMAXCONN }
