package netops

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ParseAddr checks and normalises a "[HOST]:PORT" address as the shell and
// scripts accept it: "HOST:PORT", ":PORT" (all interfaces), a bare "PORT",
// "[::1]:PORT" for IPv6. It returns "HOST:PORT" ready for net.Dial or
// net.Listen, or an error that says what is wrong.
func ParseAddr(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("empty address: want HOST:PORT, :PORT or PORT")
	}
	if !strings.Contains(s, ":") {
		if _, err := strconv.Atoi(s); err != nil {
			return "", fmt.Errorf("bad address %q: want HOST:PORT, :PORT or PORT", s)
		}
		s = ":" + s // a bare PORT; its range is checked below
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return "", fmt.Errorf("bad address %q: want HOST:PORT (IPv6 as [::1]:PORT)", s)
	}
	if _, err := ParsePort(port); err != nil {
		return "", err
	}
	if strings.ContainsAny(host, " \t\r\n/") {
		return "", fmt.Errorf("bad host %q", host)
	}
	return net.JoinHostPort(host, port), nil
}

// ParsePort parses a decimal port number from 0 to 65535.
func ParsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 65535 {
		return 0, fmt.Errorf("bad port %q: want a number from 0 to 65535", s)
	}
	return n, nil
}

// ParseProto checks a protocol name: "tcp" or "udp" (with optional 4 or 6).
func ParseProto(s string) (string, error) {
	switch s {
	case "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6":
		return s, nil
	}
	return "", fmt.Errorf("unknown protocol %q: want tcp or udp", s)
}

// isUDP reports whether a protocol name is one of the UDP ones.
func isUDP(proto string) bool { return strings.HasPrefix(proto, "udp") }

// Port returns the port of a "HOST:PORT" address, or 0.
func Port(addr string) int {
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(p)
	return n
}

// Resolve returns the IP addresses of host as the system's resolver gives
// them (the hosts file, then DNS), IPv4 first; a literal address returns
// itself without a lookup. Names are compared as written: no port, no
// brackets.
func Resolve(ctx context.Context, host string) ([]string, error) {
	if host == "" || strings.ContainsAny(host, " \t\r\n/:[]") && net.ParseIP(strings.Trim(host, "[]")) == nil {
		return nil, &OpError{Op: "resolve", Addr: host, Err: fmt.Errorf("bad host %q: want a name or an IP address", host)}
	}
	if ip := net.ParseIP(strings.Trim(host, "[]")); ip != nil {
		return []string{ip.String()}, nil
	}
	ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
	if err != nil {
		return nil, &OpError{Op: "resolve", Addr: host, Err: err}
	}
	var v4, v6 []string
	for _, a := range ips {
		if a.IP.To4() != nil {
			v4 = append(v4, a.IP.String())
		} else {
			v6 = append(v6, a.String())
		}
	}
	return append(v4, v6...), nil
}
