package luanet

import (
	"context"
	"sync"
	"time"
)

// The outbox gathers the replies that receives parked on the poller
// claimed (pollRecv), and hands them to one worker, which writes them in
// turn (flushFirst): 32 at a time, whenever the loop has run every ready
// task, before it polls or sleeps (sched.settle), and when it ends. One
// hand-off per reply cost the loop a channel send and a worker wake-up
// each.
//
// A reply must not wait for the loop to get round to it, though: the
// handler has sent it and already waits for the next request, while the
// task the loop resumes next may run for long (a computation, os.execute,
// a print to a stalled terminal). So a timer hands the gathered replies
// over outboxDelay after the first of them, if the loop has not by then.
// The timer runs on its own goroutine, hence the mutex.

// outgoing is a reply that a receive parked on the poller claimed (see
// pollRecv), for flushFirst.
type outgoing struct {
	sk  *sock
	buf []byte
}

// outboxBatch is how many replies the loop gathers before it hands them to
// a worker. Batches of 8 to 128 did equally well.
const outboxBatch = 32

// outboxDelay bounds how long a gathered reply waits for the loop to hand
// it over: far more than a busy loop takes to gather a batch, far less
// than a person notices.
const outboxDelay = time.Millisecond

type outbox struct {
	e     *engine
	mu    sync.Mutex
	list  []outgoing
	timer *time.Timer // hands list over (late); armed by the first reply of a list
	ended bool        // the loop ended: the timer hands nothing over any more
}

// add gathers a reply of the loop's.
func (b *outbox) add(sk *sock, buf []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.list = append(b.list, outgoing{sk, buf})
	switch {
	case len(b.list) >= outboxBatch:
		b.sendLocked()
	case len(b.list) > 1:
	case b.timer == nil:
		b.timer = time.AfterFunc(outboxDelay, b.late)
	default:
		b.timer.Reset(outboxDelay)
	}
}

// settle hands the gathered replies over: the loop has run every ready
// task, or (last) it ends, before it stops its workers (sched.run).
func (b *outbox) settle(last bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sendLocked()
	if last {
		b.ended = true
		if b.timer != nil {
			b.timer.Stop()
		}
	}
}

// late is the timer's: the loop has not handed the replies over in time.
func (b *outbox) late() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.ended { // (after the end the workers are gone)
		b.sendLocked()
	}
}

// sendLocked hands the gathered replies to one worker, which writes them
// in turn.
func (b *outbox) sendLocked() {
	if len(b.list) == 0 {
		return
	}
	b.timer.Stop()
	out := b.list
	b.list = make([]outgoing, 0, outboxBatch)
	e := b.e
	e.s.goWork(func(context.Context) result {
		for _, o := range out {
			o.sk.flushFirst(e, o.buf)
		}
		return result{}
	})
}
