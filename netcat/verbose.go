package netcat

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
)

// The -v lines are netcat-openbsd's, word for word: scripts read them.

// connected prints nc's line for a connection made to host on port.
func connected(stderr io.Writer, o *options, port string, remote net.Addr) {
	if o.unix {
		return // nc -U -v says nothing on connect
	}
	fmt.Fprintf(stderr, "Connection to %s", o.host)
	ip, rport, err := net.SplitHostPort(remote.String())
	if err == nil {
		port = rport // a port given by its name is said by its number, as nc does
	}
	if err == nil && !o.numeric && ip != o.host {
		fmt.Fprintf(stderr, " (%s)", ip)
	}
	service := "*"
	if !o.numeric {
		if name := serviceName(proto(o), port); name != "" {
			service = name
		}
	}
	fmt.Fprintf(stderr, " %s port [%s/%s] succeeded!\n", port, proto(o), service)
}

// listening prints nc's "Listening on HOST PORT".
func listening(stderr io.Writer, o *options, a net.Addr) {
	if o.unix {
		fmt.Fprintf(stderr, "Bound on %s\nListening on %s\n", o.host, o.host)
		return
	}
	if o.udp {
		fmt.Fprintf(stderr, "Bound on %s\n", hostPort(o, a))
		return
	}
	fmt.Fprintf(stderr, "Listening on %s\n", hostPort(o, a))
}

// received prints nc's "Connection received on HOST PORT".
func received(stderr io.Writer, o *options, a net.Addr) {
	if o.unix {
		fmt.Fprintf(stderr, "Connection received on %s\n", o.host)
		return
	}
	fmt.Fprintf(stderr, "Connection received on %s\n", hostPort(o, a))
}

// hostPort prints an address the way nc does: "HOST PORT", with the host's
// name from the hosts file unless -n (as nc's getnameinfo(3) does for
// 127.0.0.1 -> localhost; socklab never asks DNS).
func hostPort(o *options, a net.Addr) string {
	h, p, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if !o.numeric {
		if name := hostsName(h); name != "" {
			h = name
		}
	}
	return h + " " + p
}

var (
	servicesOnce sync.Once
	services     map[string]string // "22/tcp" -> "ssh", as the file writes it
	hostsOnce    sync.Once
	hosts        map[string]string // "127.0.0.1" -> "localhost"
)

// serviceName is the name /etc/services gives proto/port, or "".
func serviceName(proto, port string) string {
	servicesOnce.Do(func() {
		services = map[string]string{}
		readTable("/etc/services", func(f []string) {
			if len(f) >= 2 {
				if _, dup := services[f[1]]; !dup {
					services[f[1]] = f[0]
				}
			}
		})
	})
	return services[port+"/"+proto]
}

// hostsName is the first name /etc/hosts gives ip, or "".
func hostsName(ip string) string {
	hostsOnce.Do(func() {
		hosts = map[string]string{}
		readTable("/etc/hosts", func(f []string) {
			if len(f) >= 2 {
				if _, dup := hosts[f[0]]; !dup {
					hosts[f[0]] = f[1]
				}
			}
		})
	})
	return hosts[ip]
}

// readTable calls line with the fields of each line of a system table
// (comments dropped); a missing file is an empty table.
func readTable(path string, line func([]string)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		text, _, _ := strings.Cut(sc.Text(), "#")
		if fields := strings.Fields(text); len(fields) > 0 {
			line(fields)
		}
	}
}
