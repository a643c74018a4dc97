//go:build !linux

package netops

import "net"

// keepAliveDefaults sets nothing back where the system's defaults cannot be
// read: there the keep-alive timers keep Go's 15 s, which only matter once
// keep-alive is turned on.
func keepAliveDefaults(*net.TCPConn) []restored { return nil }
