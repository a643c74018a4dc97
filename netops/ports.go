package netops

import (
	"net/netip"
	"sort"
)

// notePorts records the ports of s; t.mu must be held.
func (t *Table) notePorts(s *Socket) {
	for _, a := range []string{s.LocalAddr(), s.RemoteAddr()} {
		t.addPort(Port(a))
	}
	if t.ends == nil {
		t.ends = map[[2]netip.AddrPort]int{}
	}
	l, err := netip.ParseAddrPort(s.LocalAddr())
	if err != nil || l.Port() == 0 {
		return
	}
	r, _ := netip.ParseAddrPort(s.RemoteAddr())
	if s.Kind != KindConn {
		r = netip.AddrPort{} // a UDP socket's remote is its last peer
	}
	s.end = [2]netip.AddrPort{unmap(l), unmap(r)}
	t.ends[s.end] = s.ID
}

// maxClosedEnds is how many closed sockets' ends [Table.EndID] still
// knows: enough for the packets that follow a close (FIN, ACK, a late
// datagram) in a lab, while a server that runs for days, a connection
// after another, keeps a bounded table.
const maxClosedEnds = 4096

// closedEnd is a closed socket's ends and its id.
type closedEnd struct {
	end [2]netip.AddrPort
	id  int
}

// retire keeps c's ends known until maxClosedEnds later closes; t.mu must
// be held.
func (t *Table) retire(c closedEnd) {
	t.closed = append(t.closed, c)
	if len(t.closed) <= maxClosedEnds {
		return
	}
	old := t.closed[0]
	t.closed = t.closed[1:]
	if t.ends[old.end] == old.id { // not filed again by a later socket
		delete(t.ends, old.end)
	}
}

func unmap(a netip.AddrPort) netip.AddrPort {
	if !a.IsValid() {
		return a
	}
	return netip.AddrPortFrom(a.Addr().Unmap(), a.Port())
}

// EndID returns the id of the socket this table filed (open, or among the
// last [maxClosedEnds] closed) at local address l talking to r: the connection with exactly
// those ends, or else a listener or UDP socket bound to l (or to l's port
// on every address). exact reports the first case; id is 0 when none fits.
func (t *Table) EndID(l, r netip.AddrPort) (id int, exact bool) {
	l, r = unmap(l), unmap(r)
	t.mu.Lock()
	defer t.mu.Unlock()
	if id := t.ends[[2]netip.AddrPort{l, r}]; id > 0 {
		return id, true
	}
	if id := t.ends[[2]netip.AddrPort{l, {}}]; id > 0 {
		return id, false
	}
	for _, unspec := range []netip.Addr{netip.IPv4Unspecified(), netip.IPv6Unspecified()} {
		if id := t.ends[[2]netip.AddrPort{netip.AddrPortFrom(unspec, l.Port()), {}}]; id > 0 {
			return id, false
		}
	}
	return 0, false
}

// addPort records one port and tells the hook of a new one; t.mu must be
// held.
func (t *Table) addPort(p int) {
	if p <= 0 || t.ports[p] {
		return
	}
	if t.ports == nil {
		t.ports = map[int]bool{}
	}
	t.ports[p] = true
	t.gen++
	if t.portHook != nil {
		t.portHook(t.sortedPorts())
	}
}

// notePeer records the port of a destination before a packet goes to it
// (a connect, a sendto), so that a capture's filter lets the first packet
// through.
func (t *Table) notePeer(addr string) {
	t.mu.Lock()
	t.addPort(Port(addr))
	t.mu.Unlock()
}

// WatchPorts sets fn to be called with [Table.Ports] each time a port is
// added, synchronously, before the packet that needs it is sent; nil
// removes it. fn runs with the table locked and must not call it.
func (t *Table) WatchPorts(fn func(ports []int)) {
	t.mu.Lock()
	t.portHook = fn
	t.mu.Unlock()
}

// PortsGen returns a number that changes each time a port is added.
func (t *Table) PortsGen() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.gen
}

// note records the ports of s, once it has them (after a bind, say).
func (t *Table) note(s *Socket) {
	t.mu.Lock()
	t.notePorts(s)
	t.mu.Unlock()
}

// Ports returns, in order, every port a socket in this table has used as
// its local or remote port during the session, including sockets since
// closed: the ports [Table.Netstat] looks at.
func (t *Table) Ports() []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.sortedPorts()
}

// sortedPorts is Ports; t.mu must be held.
func (t *Table) sortedPorts() []int {
	l := make([]int, 0, len(t.ports))
	for p := range t.ports {
		l = append(l, p)
	}
	sort.Ints(l)
	return l
}
