package netops

import (
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// sysSocket makes a close-on-exec, non-blocking socket.
func sysSocket(fam, typ int) (int, error) {
	return unix.Socket(fam, typ|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
}

// somaxconn is the backlog a listen without one gets: the system's
// limit, net.core.somaxconn, as Go's own listeners use.
func somaxconn() int {
	b, err := os.ReadFile("/proc/sys/net/core/somaxconn")
	if err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n > 0 {
			return n
		}
	}
	return unix.SOMAXCONN
}
