package netcat

import (
	"context"
	"fmt"
	"net"
)

// network names the Go network for the options: "tcp", "udp4", ...
func network(o *options) string {
	return proto(o) + o.family
}

// checkNumeric refuses a host name under -n, which forbids DNS look-ups.
func checkNumeric(o *options, host string) error {
	if o.numeric && host != "" && net.ParseIP(host) == nil {
		return fmt.Errorf("-n: %q is not a numeric address", host)
	}
	return nil
}

// dial connects to o.host on port, honouring -s, -p, -4/-6, -n and -w.
func dial(ctx context.Context, o *options, port string) (net.Conn, error) {
	if err := checkNumeric(o, o.host); err != nil {
		return nil, err
	}
	d := net.Dialer{Timeout: o.timeout}
	if o.srcAddr != "" || o.srcPort != "" {
		if err := checkNumeric(o, o.srcAddr); err != nil {
			return nil, err
		}
		local := net.JoinHostPort(o.srcAddr, o.srcPort)
		var err error
		if o.udp {
			d.LocalAddr, err = net.ResolveUDPAddr(network(o), local)
		} else {
			d.LocalAddr, err = net.ResolveTCPAddr(network(o), local)
		}
		if err != nil {
			return nil, err
		}
	}
	return d.DialContext(ctx, network(o), net.JoinHostPort(o.host, port))
}
