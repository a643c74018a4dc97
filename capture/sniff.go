package capture

import "errors"

// ErrNeedLinux is returned by [Open] on systems without packet sockets.
var ErrNeedLinux = errors.New("packet capture needs Linux")

// Config sets up a [Sniffer].
type Config struct {
	// All keeps every IP packet; otherwise the kernel filter keeps the TCP
	// and UDP packets to or from a port in Ports.
	All   bool
	Ports []int
}
