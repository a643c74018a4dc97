//go:build unix

package netcat

import "syscall"

// dualStack turns IPV6_V6ONLY off on a socket.
func dualStack(fd uintptr) error {
	return syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_V6ONLY, 0)
}
