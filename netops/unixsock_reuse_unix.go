//go:build unix

package netops

import "syscall"

// plainUnixListener undoes the SO_REUSEADDR Go sets on every listening
// socket before it binds: a UNIX domain listener made in C or Python has
// it off (it means nothing there), and option must show what they would.
func plainUnixListener(_, _ string, c syscall.RawConn) error {
	var serr error
	if err := c.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 0)
	}); err != nil {
		return err
	}
	return serr
}
