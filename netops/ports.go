package netops

import "sort"

// notePorts records the ports of s; t.mu must be held.
func (t *Table) notePorts(s *Socket) {
	if t.ports == nil {
		t.ports = map[int]bool{}
	}
	for _, a := range []string{s.LocalAddr(), s.RemoteAddr()} {
		if p := Port(a); p > 0 {
			t.ports[p] = true
		}
	}
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
	l := make([]int, 0, len(t.ports))
	for p := range t.ports {
		l = append(l, p)
	}
	t.mu.Unlock()
	sort.Ints(l)
	return l
}
