package capture

import "errors"

// ErrNeedLinux is returned by [Open] on systems without packet sockets.
var ErrNeedLinux = errors.New("packet capture needs Linux")

// Config sets up a [Sniffer].
type Config struct {
	// All keeps every IP packet; otherwise the kernel filter keeps TCP and
	// UDP packets, whole when a port is in Ports and headers only when not.
	All   bool
	Ports []int
}
