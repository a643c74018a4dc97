package netops

import "net"

// Iface is one network interface of this machine and its addresses.
type Iface struct {
	Name     string
	Up       bool
	Loopback bool
	Addrs    []string // CIDR form: "192.168.0.12/24", "fe80::1/64"
}

// Interfaces returns this machine's interfaces, as ip addr or ipconfig
// shows them.
func Interfaces() ([]Iface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, &OpError{Op: "ifaces", Err: err}
	}
	out := make([]Iface, 0, len(ifs))
	for _, i := range ifs {
		f := Iface{Name: i.Name, Up: i.Flags&net.FlagUp != 0, Loopback: i.Flags&net.FlagLoopback != 0}
		if as, err := i.Addrs(); err == nil {
			for _, a := range as {
				f.Addrs = append(f.Addrs, a.String())
			}
		}
		out = append(out, f)
	}
	return out, nil
}
