//go:build !unix

package netops

import "syscall"

// plainUnixListener does nothing here: Go sets no SO_REUSEADDR on a
// listener on this system.
func plainUnixListener(_, _ string, _ syscall.RawConn) error { return nil }
