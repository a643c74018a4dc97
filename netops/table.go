package netops

import (
	"net/netip"
	"sort"
	"sync"
)

// Table holds the open sockets of a session, each under a small id. Ids are
// given in order from 1 and never reused, like a shell's job numbers. A Table
// is safe for use by several goroutines.
type Table struct {
	mu       sync.Mutex
	next     int
	socks    map[int]*Socket
	tr       *Trace
	ports    map[int]bool              // local and remote ports of every socket filed so far (see Ports)
	ends     map[[2]netip.AddrPort]int // local and remote address of every open socket and of the last closed ones (see EndID)
	closed   []closedEnd               // the closed sockets' ends still in ends, oldest first
	gen      uint64                    // counts additions to ports
	portHook func(ports []int)         // see WatchPorts
}

// NewTable returns an empty table.
func NewTable() *Table { return &Table{socks: map[int]*Socket{}} }

// SetTrace sets the hooks told of every socket call; nil turns tracing off.
func (t *Table) SetTrace(tr *Trace) {
	t.mu.Lock()
	t.tr = tr
	t.mu.Unlock()
}

func (t *Table) trace() *Trace {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tr
}

// add gives s the next id and files it.
func (t *Table) add(s *Socket) *Socket {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next++
	s.ID, s.table = t.next, t
	t.socks[s.ID] = s
	t.notePorts(s)
	return s
}

func (t *Table) remove(id int) {
	t.mu.Lock()
	if s, ok := t.socks[id]; ok && s.end[0].IsValid() {
		t.retire(closedEnd{s.end, id})
	}
	delete(t.socks, id)
	t.mu.Unlock()
}

// Get returns the open socket with the given id, or an error wrapping
// [ErrNoSocket].
func (t *Table) Get(id int) (*Socket, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.socks[id]; ok {
		return s, nil
	}
	return nil, &OpError{Op: "use", ID: id, Err: ErrNoSocket}
}

// Has reports whether id names an open socket.
func (t *Table) Has(id int) bool {
	_, err := t.Get(id)
	return err == nil
}

// Issued reports whether id was ever given to a socket of this table, open
// or closed since: ids are never reused, so such a number always means
// that socket.
func (t *Table) Issued(id int) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return id >= 1 && id <= t.next
}

// List returns the open sockets in id order.
func (t *Table) List() []*Socket {
	t.mu.Lock()
	l := make([]*Socket, 0, len(t.socks))
	for _, s := range t.socks {
		l = append(l, s)
	}
	t.mu.Unlock()
	sort.Slice(l, func(i, j int) bool { return l[i].ID < l[j].ID })
	return l
}

// CloseOwned closes every socket whose Owner is owner.
func (t *Table) CloseOwned(owner string) {
	for _, s := range t.List() {
		if s.Owner == owner {
			s.Close()
		}
	}
}

// CloseAll closes every socket in the table.
func (t *Table) CloseAll() {
	for _, s := range t.List() {
		s.Close()
	}
}
