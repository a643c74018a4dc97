package luanet

import (
	"context"
	"sync"
	"time"
)

// Write-behind sends. c:send on a TCP connection queues the data and
// returns at once; a short-lived writer goroutine drains the queue, so a
// reply goes out while the script already waits for the next request (the
// largest throughput gain measured in lua-scheduler.md). Above highWater
// queued bytes, send waits until the queue drains. A write error is sticky:
// the next send (or shutdown) returns it. close and the end of the script
// let the queue drain first.

// highWater is how many queued bytes make send wait.
const highWater = 256 << 10

// closeLinger bounds how long a closed connection with queued data may
// wait for the peer to take it.
const closeLinger = 10 * time.Second

type wqueue struct {
	mu      sync.Mutex
	q       []byte
	next    []byte // spare buffer, swapped with q by the writer
	writing bool
	err     error
	closing bool
	idle    chan struct{} // closed when the writer goroutine exits
}

// enqueue adds data to sk's queue, starting a writer when none runs. It
// returns the sticky error, and the channel to wait on when the queue is
// above highWater (nil when send need not wait).
func (sk *sock) enqueue(e *engine, data string) (wait chan struct{}, err error) {
	w := &sk.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return nil, w.err
	}
	w.q = append(w.q, data...)
	if !w.writing {
		w.writing = true
		w.idle = make(chan struct{})
		e.writers.Add(1)
		go sk.writer(e)
	}
	if len(w.q) > highWater {
		return w.idle, nil
	}
	return nil, nil
}

// writer drains the queue, one write per batch.
func (sk *sock) writer(e *engine) {
	defer e.writers.Done()
	w := &sk.w
	for {
		w.mu.Lock()
		if len(w.q) == 0 || w.err != nil {
			w.writing = false
			close(w.idle)
			closing := w.closing
			w.mu.Unlock()
			if closing {
				sk.ns.Close()
			}
			return
		}
		buf := w.q
		w.q = w.next[:0]
		w.mu.Unlock()
		_, err := sk.ns.Send(e.ctx, buf, 0)
		w.mu.Lock()
		if err != nil && w.err == nil {
			w.err = err
		}
		if cap(buf) <= 64<<10 {
			w.next = buf[:0]
		} else {
			w.next = nil
		}
		w.mu.Unlock()
	}
}

// drained returns a channel closed when no writer runs (nil: none runs now).
func (sk *sock) drained() chan struct{} {
	sk.w.mu.Lock()
	defer sk.w.mu.Unlock()
	if sk.w.writing {
		return sk.w.idle
	}
	return nil
}

// closeAfterFlush closes the socket once the queue drained, or after
// closeLinger if the peer does not take the data. It reports whether the
// close was deferred.
func (sk *sock) closeAfterFlush() bool {
	w := &sk.w
	w.mu.Lock()
	if !w.writing {
		w.mu.Unlock()
		return false
	}
	w.closing = true
	idle := w.idle
	w.mu.Unlock()
	t := time.AfterFunc(closeLinger, func() { sk.ns.Close() })
	go func() { <-idle; t.Stop() }()
	return true
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
