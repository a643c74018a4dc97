package netops

import (
	"context"
	"net"
	"strconv"
	"strings"
)

// ParseAddr checks and normalises a "[HOST]:PORT" address as the shell and
// scripts accept it: "HOST:PORT", ":PORT" (all interfaces), a bare "PORT",
// "[::1]:PORT" for IPv6. It returns "HOST:PORT" ready for net.Dial or
// net.Listen, or an [*InputError].
func ParseAddr(s string) (string, error) {
	if s == "" {
		return "", &InputError{What: "address", Want: "addr"}
	}
	if !strings.Contains(s, ":") {
		if _, err := strconv.Atoi(s); err != nil {
			return "", &InputError{What: "address", Value: s, Want: "addr"}
		}
		s = ":" + s // a bare PORT; its range is checked below
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return "", &InputError{What: "address", Value: s, Want: "hostport"}
	}
	if _, err := ParsePort(port); err != nil {
		return "", err
	}
	if strings.ContainsAny(host, " \t\r\n/") {
		return "", &InputError{What: "host", Value: host}
	}
	return net.JoinHostPort(host, port), nil
}

// ParsePort parses a decimal port number from 0 to 65535.
func ParsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 65535 {
		return 0, &InputError{What: "port", Value: s, Want: "port"}
	}
	return n, nil
}

// ParseProto checks a protocol name: "tcp" or "udp" (with optional 4 or 6).
func ParseProto(s string) (string, error) {
	switch s {
	case "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6":
		return s, nil
	}
	return "", &InputError{What: "protocol", Value: s, Want: "proto"}
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
		return nil, &OpError{Op: "resolve", Addr: host, Err: &InputError{What: "host", Value: host, Want: "name"}}
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
