package netops

import (
	"errors"
	"sync/atomic"
)

// ErrBudget reports a receive that would have to buffer more bytes than
// its socket's [Budget] has left.
var ErrBudget = errors.New("memory budget spent")

// FreeBuffer is how many bytes a socket may hold in its receive buffer
// (a line or delimiter not yet complete, a recvn not yet filled) before
// its [Budget] pays for them: a peer that sends short lines never touches
// the budget.
const FreeBuffer = chunk

// Budget bounds the bytes a group of sockets (a script's run) buffers
// for its peers: receive buffers beyond [FreeBuffer] per socket here,
// and whatever else the owner charges (queued sends). It is safe for
// concurrent use.
type Budget struct {
	limit atomic.Int64
	used  atomic.Int64
}

// NewBudget returns a budget of limit bytes.
func NewBudget(limit int64) *Budget {
	b := &Budget{}
	b.limit.Store(limit)
	return b
}

// Limit returns the budget's size in bytes.
func (b *Budget) Limit() int64 { return b.limit.Load() }

// SetLimit changes the budget's size; what is held stays held.
func (b *Budget) SetLimit(n int64) { b.limit.Store(n) }

// Used returns the bytes held.
func (b *Budget) Used() int64 { return b.used.Load() }

// Spent reports whether nothing is left.
func (b *Budget) Spent() bool { return b.used.Load() >= b.limit.Load() }

// Take holds n more bytes if they fit, and reports whether they did.
func (b *Budget) Take(n int64) bool {
	for {
		u := b.used.Load()
		if u+n > b.limit.Load() {
			return false
		}
		if b.used.CompareAndSwap(u, u+n) {
			return true
		}
	}
}

// Add holds n more bytes whether or not they fit (the caller bounds them
// otherwise, e.g. a send waits while the budget is spent).
func (b *Budget) Add(n int64) { b.used.Add(n) }

// Give releases n bytes.
func (b *Budget) Give(n int64) { b.used.Add(-n) }

// SetBudget makes the socket's receive buffer count against b (nil: no
// budget). Call it before the socket's first receive.
func (s *Socket) SetBudget(b *Budget) { s.budget = b }

// reserve makes the budget pay for a receive buffer of total bytes, or
// fails with ErrBudget. Called with rmu held.
func (s *Socket) reserve(total int) error {
	if s.budget == nil {
		return nil
	}
	want := int64(max(0, total-FreeBuffer))
	if need := want - s.charged.Load(); need > 0 {
		if !s.budget.Take(need) {
			return ErrBudget
		}
		s.charged.Add(need)
	}
	return nil
}

// settle gives back what the budget paid beyond the buffer now held (all
// of it once the socket is closed). Called with rmu held.
func (s *Socket) settle() {
	if s.budget == nil {
		return
	}
	want := int64(max(0, len(s.buf)-FreeBuffer))
	if s.Closed() {
		want = 0
	}
	for {
		cur := s.charged.Load()
		if cur <= want || s.charged.CompareAndSwap(cur, want) {
			if cur > want {
				s.budget.Give(cur - want)
			}
			return
		}
	}
}

// unbudget gives back everything the budget pays for s (it is closing).
func (s *Socket) unbudget() {
	if s.budget != nil {
		s.budget.Give(s.charged.Swap(0))
	}
}
