package luanet

import (
	"sync"
	"sync/atomic"
)

// inbox carries completions from the worker goroutines to the scheduler
// loop. A channel would do, but the loop would then pay one select per
// completion; the inbox hands over everything that arrived since the
// loop last looked in one swap, and wakes the loop only when it finds the
// inbox empty (or, with notify, only while the loop sleeps).
type inbox struct {
	mu     sync.Mutex
	q      []completion
	closed bool
	wake   chan struct{} // one token: something arrived in an empty inbox
	// notify, when set, replaces wake: put calls it when the loop sleeps
	// (sleeping), once per sleep.
	notify   func()
	sleeping atomic.Bool
}

func newInbox() *inbox { return &inbox{wake: make(chan struct{}, 1)} }

// put adds c, or reports false once the inbox is closed (the caller then
// drops c).
func (b *inbox) put(c completion) bool {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return false
	}
	b.q = append(b.q, c)
	first := len(b.q) == 1
	b.mu.Unlock()
	if b.notify != nil {
		if b.sleeping.CompareAndSwap(true, false) {
			b.notify()
		}
	} else if first {
		select {
		case b.wake <- struct{}{}:
		default:
		}
	}
	return true
}

// take returns what arrived, in order, and keeps spare (emptied) to
// collect what arrives next. spare must be a slice take returned before
// (or nil): the inbox holds the one it keeps.
func (b *inbox) take(spare []completion) []completion {
	clear(spare)
	b.mu.Lock()
	q := b.q
	b.q = spare[:0]
	b.mu.Unlock()
	return q
}

// close refuses later completions and returns those not taken.
func (b *inbox) close() []completion {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	q := b.q
	b.q = nil
	return q
}
