package netcat

import (
	"errors"
	"net"
	"strconv"

	"github.com/socklab/socklab/words"
)

// setOperands checks HOST and PORT operands against the mode, with nc's
// rules: a listener takes PORT, HOST PORT, or -p PORT [-s ADDR] and
// nothing else (nc refuses -l -p P HOST and -l -s ADDR PORT); a client
// HOST PORT, where port 0 is refused; -U takes a path instead.
func (o *options) setOperands(ops []string) error {
	if o.keep && !o.listen {
		return usage("nc.k_needs_l")
	}
	if o.listen && o.scan {
		return usage("nc.l_and_z")
	}
	if o.unix {
		return o.setPath(ops)
	}
	if o.listen {
		switch {
		case len(ops) == 0 && o.srcPort != "":
			o.host, o.ports = o.srcAddr, []string{o.srcPort}
		case len(ops) == 1 && o.srcPort == "" && o.srcAddr == "":
			o.ports = ops
		case len(ops) == 2 && o.srcPort == "" && o.srcAddr == "":
			o.host, o.ports = unbracket(ops[0]), ops[1:]
		default:
			return usage("nc.listen_forms")
		}
		return listenPort(o.ports[0], o.udp)
	}
	if len(ops) < 2 {
		return usage("nc.missing_host_port")
	}
	o.host, o.ports = unbracket(ops[0]), ops[1:]
	if !o.scan && len(o.ports) > 1 {
		return usage("nc.several_ports")
	}
	for _, p := range o.ports {
		lo, hi, err := portRange(p)
		if err != nil {
			return usage("nc.bad_port", p, err)
		}
		if lo == 0 {
			return usage("nc.port_zero", p)
		}
		if !o.scan && lo != hi {
			return usage("nc.range_needs_z")
		}
	}
	return nil
}

// setPath takes -U's one operand, the socket file's path.
func (o *options) setPath(ops []string) error {
	switch {
	case len(ops) != 1:
		return usage("nc.unix_path")
	case o.udp:
		return usage("nc.unix_udp")
	case o.scan:
		return usage("nc.unix_scan")
	case o.srcPort != "" || o.srcAddr != "":
		return usage("nc.unix_source")
	}
	o.host = ops[0]
	return nil
}

// listenPort checks a listener's port: a number 0..65535, or a service
// name the system knows for its protocol (/etc/services), said as the
// client's port is ("bad port "x": unknown service name").
func listenPort(p string, udp bool) error {
	if err := checkPort(p); err != nil {
		return usage("nc.bad_port", p, err)
	}
	if _, err := strconv.Atoi(p); err == nil {
		return nil
	}
	network := "tcp"
	if udp {
		network = "udp"
	}
	if _, err := net.LookupPort(network, p); err != nil {
		return usage("nc.bad_port", p, errors.New(words.T("nc.unknown_service")))
	}
	return nil
}
