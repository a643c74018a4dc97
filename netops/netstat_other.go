//go:build !linux && !windows

package netops

import "fmt"

// kernelSockets would read the kernel's socket table; socklab reads it
// only on Linux (/proc/net) and Windows, so here it says so (the shell adds
// what to use instead).
func kernelSockets() ([]NetEntry, error) {
	return nil, fmt.Errorf("%w: netstat", ErrNotAvailable)
}

func socketFDs() map[uint64]int { return nil }

func fdInode(fd int) (uint64, bool) { return 0, false }

func socketProcs() map[uint64]proc { return nil }

func listenBacklogs() (map[uint64]int, error) { return nil, ErrNotAvailable }
