package netcat

import (
	"context"
	"net"
)

// network names the Go network for the options: "tcp", "udp4", ...
func network(o *options) string {
	return proto(o) + o.family
}

// dial connects to o.host on port, honouring -s, -p, -4/-6, -n and -w.
func dial(ctx context.Context, o *options, port string) (net.Conn, error) {
	d := net.Dialer{Timeout: o.timeout}
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
