package netops

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

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
		v := sysctls.get(o.sysctl)
		if v <= 0 {
			continue
		}
		var serr error
		withFD(tc, func(fd int) { serr = unix.SetsockoptInt(fd, unix.IPPROTO_TCP, o.opt, v) })
		l = append(l, restored{args: fmt.Sprintf("%s, %d", o.name, v), err: serr})
	}
	return l
}

// sysctls caches the keep-alive sysctls: every accepted or connected
// socket needs them, and reading two /proc files per connection was most
// of what a server allocated per client. A value is read again after a
// second, so a change by the administrator applies to the sockets made
// from then on, as in C.
var sysctls = &sysctlCache{vals: map[string]sysctlVal{}}

type sysctlCache struct {
	mu   sync.Mutex
	vals map[string]sysctlVal
}

type sysctlVal struct {
	v    int // 0: unreadable
	read time.Time
}

// get returns the value of the sysctl file path, or 0.
func (c *sysctlCache) get(path string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.vals[path]; ok && time.Since(e.read) < time.Second {
		return e.v
	}
	v := 0
	if b, err := os.ReadFile(path); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n > 0 {
			v = n
		}
	}
	c.vals[path] = sysctlVal{v: v, read: time.Now()}
	return v
}
