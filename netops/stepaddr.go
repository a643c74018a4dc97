package netops

import (
	"context"
	"net"
	"net/netip"
	"strings"
)

// The step calls' address rules, shared by every system's socket calls;
// the system files turn the answers into their own constants and
// sockaddrs.

// wants6 reports whether a socket for proto and, for "tcp"/"udp", the host
// of its address is IPv6: "tcp6"/"udp6", or an IPv6 literal host.
func wants6(proto, host string) bool {
	switch {
	case strings.HasSuffix(proto, "6"):
		return true
	case strings.HasSuffix(proto, "4"):
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Is6() && !ip.Is4In6()
}

// socketCallArgs writes a socket call's arguments as C would:
// "AF_INET6, SOCK_DGRAM".
func socketCallArgs(is6, dgram bool) string {
	a := "AF_INET"
	if is6 {
		a = "AF_INET6"
	}
	if dgram {
		return a + ", SOCK_DGRAM"
	}
	return a + ", SOCK_STREAM"
}

// resolveStep resolves "HOST:PORT" for an IPv4 (is6 false) or IPv6
// socket: an empty host means every interface (0.0.0.0 or ::); a name
// takes its first address of the socket's family, else its first. An IPv4
// address comes back unmapped; an IPv6 one for an IPv4 socket is left for
// the system to refuse (EAFNOSUPPORT), rather than socklab.
func resolveStep(ctx context.Context, is6 bool, addr string) (netip.AddrPort, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return netip.AddrPort{}, err
	}
	p, err := ParsePort(port)
	if err != nil {
		return netip.AddrPort{}, err
	}
	var ip netip.Addr
	switch {
	case host == "" && is6:
		ip = netip.IPv6Unspecified()
	case host == "":
		ip = netip.IPv4Unspecified()
	default:
		if ip, err = netip.ParseAddr(host); err != nil {
			ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
			if err != nil {
				return netip.AddrPort{}, err
			}
			ip = ips[0]
			for _, a := range ips {
				if a.Unmap().Is4() != is6 {
					ip = a
					break
				}
			}
		}
	}
	return netip.AddrPortFrom(ip.Unmap(), uint16(p)), nil
}
