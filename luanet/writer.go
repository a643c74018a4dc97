package luanet

import (
	"context"
	"sync"
	"time"
)

// Write-behind sends. c:send on a TCP connection queues the data and
// returns at once (while less than highWater bytes wait). When the task
// next yields, the queue goes out in one of two ways: if the task parked
// on a receive on the same connection (the request/reply pattern), that
// receive writes the queue first, without waiting (netops' TrySend), on
// the loop or, gathered with other tasks' replies in the loop's outbox, on
// a worker (poll.go), and then waits for the next request; otherwise, or
// for what the kernel did not take at once, a short-lived writer goroutine
// drains the queue. Either way the reply leaves while the script already
// waits for the next request, and the common case costs no goroutine of
// its own. While more than highWater bytes wait, send first waits for the
// queue to drain (within its timeout: on a timeout the data is not queued
// and send returns nil, "timeout"). A write error is sticky: the next send
// (or shutdown) returns it. close and the end of the script let the queue
// drain first.

// highWater is how many queued bytes make send wait; while the run's
// memory budget is spent (memory.go), any queued byte does.
const highWater = 256 << 10

// closeLinger bounds how long a closed connection with queued data may
// wait for the peer to take it.
const closeLinger = 10 * time.Second

// maxSpare is the largest drained buffer kept for reuse.
const maxSpare = 64 << 10

type wqueue struct {
	mu       sync.Mutex
	q        []byte
	next     []byte // spare buffer, swapped with q by the queue's owner
	writing  bool   // a goroutine owns the queue: a writer, or a receive flushing it
	inflight int    // bytes taken from q by the owner and not yet written
	err      error
	closing  bool
	idle     chan struct{} // made by a waiter; closed when the owner is done
	dirty    bool          // queued since the scheduler last kicked it (scheduler goroutine only)
}

// enqueue adds data to sk's queue, unless a write failed: it returns the
// sticky error. Above highWater queued bytes the queue starts draining at
// once. Scheduler goroutine only.
func (sk *sock) enqueue(e *engine, data string) error {
	w := &sk.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	w.q = append(w.q, data...)
	e.budget.Add(int64(len(data)))
	if len(w.q) > highWater {
		sk.startLocked(e)
		return nil
	}
	if !w.writing && !w.dirty {
		w.dirty = true
		e.dirty = append(e.dirty, sk)
	}
	return nil
}

// queued returns how many bytes wait to be written.
func (sk *sock) queued() int {
	sk.w.mu.Lock()
	defer sk.w.mu.Unlock()
	return len(sk.w.q) + sk.w.inflight
}

// stuck returns the channel closed when the queue has drained, when more
// than highWater bytes wait (nil otherwise), and the sticky error.
func (sk *sock) stuck(e *engine) (chan struct{}, error) {
	w := &sk.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return nil, w.err
	}
	held := len(w.q) + w.inflight
	if held <= highWater && (held == 0 || !e.budget.Spent()) {
		return nil, nil
	}
	sk.startLocked(e)
	if !w.writing {
		return nil, nil
	}
	return w.waitLocked(), nil
}

// kick starts a writer for queued data that no goroutine owns yet.
func (sk *sock) kick(e *engine) {
	sk.w.mu.Lock()
	sk.startLocked(e)
	sk.w.mu.Unlock()
}

func (sk *sock) startLocked(e *engine) {
	w := &sk.w
	if w.writing || len(w.q) == 0 || w.err != nil {
		return
	}
	w.writing = true
	e.writers.Add(1)
	go sk.writer(e)
}

// waitLocked returns the channel closed when the queue's owner is done.
func (w *wqueue) waitLocked() chan struct{} {
	if w.idle == nil {
		w.idle = make(chan struct{})
	}
	return w.idle
}

// claim hands the queued bytes to a receive about to park on sk, whose
// goroutine writes them (flushFirst) before it reads; nil when there is
// nothing to write or a writer owns the queue.
func (sk *sock) claim(e *engine) []byte {
	w := &sk.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.writing || len(w.q) == 0 || w.err != nil {
		return nil
	}
	w.writing = true
	e.writers.Add(1)
	buf := w.q
	w.q, w.next = w.next[:0], nil
	w.inflight = len(buf)
	return buf
}

// flushFirst writes buf, which claim returned, as far as the kernel takes
// it at once (nothing while a send from outside the script, the shell's,
// holds the connection: TrySend does not wait for it, so neither the loop
// nor the other replies of an outbox batch do); the rest, and whatever was
// queued meanwhile, goes to a writer goroutine.
func (sk *sock) flushFirst(e *engine, buf []byte) {
	n, err := sk.ns.TrySend(buf)
	w := &sk.w
	w.mu.Lock()
	w.inflight = 0
	if err != nil && w.err == nil {
		w.err = err
	}
	if w.err != nil {
		n = len(buf) // the rest will never be sent
	}
	e.budget.Give(int64(n))
	if w.err == nil && n < len(buf) {
		w.q = append(buf[n:], w.q...) // the rest goes before what was queued since
		w.mu.Unlock()
		go sk.writer(e) // takes over the queue and the writers count
		return
	}
	w.recycle(buf)
	if len(w.q) > 0 && w.err == nil {
		w.mu.Unlock()
		go sk.writer(e)
		return
	}
	sk.doneLocked(e)
}

// doneLocked gives up ownership of the queue (unlocking it) and closes the
// socket when a close waited for the queue to drain.
func (sk *sock) doneLocked(e *engine) {
	w := &sk.w
	w.writing = false
	if w.err != nil && len(w.q) > 0 { // never to be sent
		e.budget.Give(int64(len(w.q)))
		w.q = nil
	}
	if w.idle != nil {
		close(w.idle)
		w.idle = nil
	}
	closing := w.closing
	w.mu.Unlock()
	if closing {
		sk.ns.Close()
	}
	e.writers.Done()
}

func (w *wqueue) recycle(buf []byte) {
	if cap(buf) <= maxSpare && w.next == nil {
		w.next = buf[:0]
	}
}

// writer drains the queue, one write per batch.
func (sk *sock) writer(e *engine) {
	w := &sk.w
	for {
		w.mu.Lock()
		if len(w.q) == 0 || w.err != nil {
			sk.doneLocked(e)
			return
		}
		buf := w.q
		w.q, w.next = w.next[:0], nil
		w.inflight = len(buf)
		w.mu.Unlock()
		_, err := sk.ns.Send(e.ctx, buf, 0)
		e.budget.Give(int64(len(buf))) // sent, or never to be
		w.mu.Lock()
		w.inflight = 0
		if err != nil && w.err == nil {
			w.err = err
		}
		w.recycle(buf)
		w.mu.Unlock()
	}
}

// drained starts a writer for queued data and returns a channel closed
// when the queue has drained (nil: it is empty now).
func (sk *sock) drained(e *engine) chan struct{} {
	w := &sk.w
	w.mu.Lock()
	defer w.mu.Unlock()
	sk.startLocked(e)
	if w.writing {
		return w.waitLocked()
	}
	return nil
}

// closeAfterFlush closes the socket once the queue drained, or after
// closeLinger if the peer does not take the data. It reports whether the
// close was deferred.
func (sk *sock) closeAfterFlush(e *engine) bool {
	w := &sk.w
	w.mu.Lock()
	sk.startLocked(e)
	if !w.writing {
		w.mu.Unlock()
		return false
	}
	w.closing = true
	idle := w.waitLocked()
	w.mu.Unlock()
	t := time.AfterFunc(closeLinger, func() { sk.ns.Close() })
	go func() { <-idle; t.Stop() }()
	return true
}

// kickDirty starts writers for the sockets a task queued data on and did
// not then wait on with a receive.
func (e *engine) kickDirty() {
	for i, sk := range e.dirty {
		sk.w.dirty = false
		sk.kick(e)
		e.dirty[i] = nil
	}
	e.dirty = e.dirty[:0]
}

// waitIdle waits for ch (may be nil) or ctx.
func waitIdle(ctx context.Context, ch chan struct{}) error {
	if ch == nil {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
