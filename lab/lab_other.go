//go:build !linux

package lab

import "io"

// Inside is false: there is no lab on this system.
func Inside() bool { return false }

// Start returns [ErrNeedLinux].
func Start(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	return 0, ErrNeedLinux
}

// Setup returns [ErrNeedLinux].
func Setup() error { return ErrNeedLinux }
