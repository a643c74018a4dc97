package netcat

import (
	"context"
	"net"
)

// network names the Go network for the options: "tcp", "udp4", "unix", ...
func network(o *options) string {
	if o.unix {
		return "unix"
	}
	return proto(o) + o.family
}

// dial connects to o.host on port (-U: to the socket file o.host),
// honouring -s, -p, -4/-6 and -w.
func dial(ctx context.Context, o *options, port string) (net.Conn, error) {
	d := net.Dialer{Timeout: o.timeout}
	if o.unix {
		return d.DialContext(ctx, "unix", o.host)
	}
	if o.srcAddr != "" || o.srcPort != "" {
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
