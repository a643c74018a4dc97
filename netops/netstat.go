package netops

import (
	"os"
	"slices"
)

// NetEntry is one socket in the kernel's own table, as [Table.Netstat]
// reports it: also sockets no descriptor holds any more (TIME_WAIT) or
// yet (SYN_RECV, or a finished handshake waiting in an accept queue).
type NetEntry struct {
	Proto  string // "tcp", "tcp6", "udp" or "udp6"
	Local  string // HOST:PORT
	Remote string // HOST:PORT; "*:*" for a listener or unconnected UDP socket
	State  string // the kernel's name: LISTEN, ESTABLISHED, TIME_WAIT, ...; UNCONN for unconnected UDP
	SendQ  int    // bytes not yet acknowledged; for a listener of this table its backlog
	RecvQ  int    // bytes not yet read; for a listener its accept queue
	Inode  uint64 // the socket's inode, 0 when no descriptor holds it
	ID     int    // its id in the table, 0 when none
	FD     int    // this process's descriptor for it, -1 when none
	// Owner says who holds the socket, a token: "table" (socket ID of
	// the table), "fd" (descriptor FD of this process, outside the table),
	// "queue" (a finished handshake in the accept queue of listener
	// Listener), "kernel" (no descriptor: TIME_WAIT, SYN_RECV...),
	// "other" (another process).
	Owner    string
	pid      int // the owning process where the system says (Windows), else 0
	Listener int // with Owner "queue": the listener's id (0: another program's)
	// PID and Program are the process holding the socket, for another
	// program's (see [Table.NetstatAll]); 0 and "" when not known.
	PID     int
	Program string
}

// Netstat returns the kernel's sockets whose local or remote port is port,
// or, with port 0, one of [Table.Ports]. Entries come sorted by local port,
// protocol, then remote port. On a system where socklab cannot read the kernel's table it
// fails with [ErrNotAvailable].
func (t *Table) Netstat(port int) ([]NetEntry, error) {
	ports := map[int]bool{port: true}
	if port == 0 {
		ports = map[int]bool{}
		for _, p := range t.Ports() {
			ports[p] = true
		}
	}
	all, err := kernelSockets()
	if err != nil {
		return nil, err
	}
	var out []NetEntry
	for _, e := range all {
		if ports[Port(e.Local)] || ports[Port(e.Remote)] {
			out = append(out, e)
		}
	}
	t.owners(out)
	slices.SortStableFunc(out, func(a, b NetEntry) int {
		if d := Port(a.Local) - Port(b.Local); d != 0 {
			return d
		}
		if a.Proto != b.Proto {
			if a.Proto < b.Proto {
				return -1
			}
			return 1
		}
		return Port(a.Remote) - Port(b.Remote)
	})
	return out, nil
}

// owners fills in ID, FD and Owner from the table and this process's
// descriptors.
func (t *Table) owners(es []NetEntry) {
	if len(es) == 0 {
		return
	}
	fds := socketFDs()
	ids := map[uint64]int{}
	tuples := map[[2]string]int{} // local, remote -> id, where there are no inodes (Windows)
	listeners := map[int]int{}    // port -> listener id
	backlogs := map[int]int{}     // listener id -> backlog
	for _, s := range t.List() {
		k := s.kernel()
		if ino, ok := fdInode(k.FD); ok {
			ids[ino] = s.ID
		}
		switch {
		case s.ln != nil || s.pc != nil || s.Kind == KindStep: // a step socket: bound, maybe listening
			tuples[[2]string{s.LocalAddr(), "*:*"}] = s.ID
		case s.conn != nil:
			tuples[[2]string{s.LocalAddr(), s.RemoteAddr()}] = s.ID
		}
		backlogs[s.ID] = k.Backlog
		if s.ln != nil {
			listeners[Port(s.LocalAddr())] = s.ID
		}
	}
	for i := range es {
		e := &es[i]
		e.FD = -1
		if fd, ok := fds[e.Inode]; ok && e.Inode != 0 {
			e.FD = fd
		}
		id, ok := ids[e.Inode]
		if e.Inode == 0 && !ok { // no inodes (Windows), or a socket the kernel keeps (TIME_WAIT) whose descriptor is still open
			id, ok = tuples[[2]string{e.Local, e.Remote}]
		}
		ours := e.pid == 0 || e.pid == os.Getpid()
		switch {
		case ok && id != 0:
			e.ID = id
			e.Owner = "table"
			if e.State == "LISTEN" && backlogs[id] >= 0 {
				e.SendQ = backlogs[id] // /proc/net/tcp has no backlog; TCP_INFO does
			}
		case e.FD >= 0:
			e.Owner = "fd"
		case e.Inode == 0 && ours && (e.State == "ESTABLISHED" || e.State == "SYN_RECV") && listeners[Port(e.Local)] != 0:
			e.Owner, e.Listener = "queue", listeners[Port(e.Local)]
		case e.Inode == 0 && ours:
			e.Owner = "kernel"
		default:
			e.Owner = "other"
		}
	}
}
