//go:build !linux && !windows

package netops

import "fmt"

// kernelSockets would read the kernel's socket table; socklab reads it
// only on Linux (/proc/net), so here it says so.
func kernelSockets() ([]NetEntry, error) {
	return nil, fmt.Errorf("%w: netstat reads /proc/net (Linux); here use the system's netstat -an", ErrNotAvailable)
}

func socketFDs() map[uint64]int { return nil }

func fdInode(fd int) (uint64, bool) { return 0, false }
