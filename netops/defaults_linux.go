package netops

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// keepAliveDefaults sets the keep-alive timers Go changed (idle and
// interval 15 s) back to the system's (net.ipv4.tcp_keepalive_time and
// _intvl), so that `option keepalive 1` behaves as in C.
func keepAliveDefaults(tc *net.TCPConn) []restored {
	var l []restored
	for _, o := range []struct {
		name, sysctl string
		opt          int
	}{
		{"TCP_KEEPIDLE", "/proc/sys/net/ipv4/tcp_keepalive_time", unix.TCP_KEEPIDLE},
		{"TCP_KEEPINTVL", "/proc/sys/net/ipv4/tcp_keepalive_intvl", unix.TCP_KEEPINTVL},
	} {
		b, err := os.ReadFile(o.sysctl)
		if err != nil {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || v <= 0 {
			continue
		}
		var serr error
		withFD(tc, func(fd int) { serr = unix.SetsockoptInt(fd, unix.IPPROTO_TCP, o.opt, v) })
		l = append(l, restored{args: fmt.Sprintf("%s, %d", o.name, v), err: serr})
	}
	return l
}
