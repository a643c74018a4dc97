package netops

import "slices"

// NetstatAll returns every TCP and UDP socket of the machine, not only the
// table's ports, as netstat -an does, with the owning program and process
// where the system says (Linux: /proc/PID/fd, for the processes this user
// may look into). Connections waiting in another program's accept queue
// are marked as such (Owner "queue", Listener 0, and that program). Entries
// come sorted by protocol, local port, then remote port. Another program's
// listener has its backlog in SendQ where the kernel says (Linux:
// sock_diag, as ss does), else -1: not known.
func (t *Table) NetstatAll() ([]NetEntry, error) {
	es, err := kernelSockets()
	if err != nil {
		return nil, err
	}
	t.owners(es)
	procs := socketProcs()
	backlogs, _ := listenBacklogs()  // where it fails, the backlog stays unknown
	listeners := map[int]*NetEntry{} // port -> another program's listener
	for i := range es {
		e := &es[i]
		if p, ok := procs[e.Inode]; ok && e.Inode != 0 && e.Owner == "other" {
			e.PID, e.Program = p.pid, p.name
		}
		if e.PID == 0 && e.pid != 0 && e.Owner == "other" {
			e.PID = e.pid // the system's own table says (Windows)
		}
		if e.State == "LISTEN" && e.Owner == "other" {
			listeners[Port(e.Local)] = e
			e.SendQ = -1 // its backlog, unknown unless sock_diag says: /proc/net/tcp does not
			if b, ok := backlogs[e.Inode]; ok && e.Inode != 0 {
				e.SendQ = b
			}
		}
	}
	for i := range es {
		e := &es[i]
		if l := listeners[Port(e.Local)]; l != nil && e.Inode == 0 && (e.State == "ESTABLISHED" || e.State == "SYN_RECV") {
			e.Owner, e.Listener, e.PID, e.Program = "queue", 0, l.PID, l.Program
		}
	}
	slices.SortStableFunc(es, func(a, b NetEntry) int {
		if a.Proto != b.Proto {
			if a.Proto < b.Proto {
				return -1
			}
			return 1
		}
		if d := Port(a.Local) - Port(b.Local); d != 0 {
			return d
		}
		return Port(a.Remote) - Port(b.Remote)
	})
	return es, nil
}

// proc is a process holding a socket.
type proc struct {
	pid  int
	name string
}
