package luanet

import (
	"context"
	"net"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
)

// A receive on a TCP connection that finds nothing waits without a
// goroutine of its own where the system allows it (Linux): the connection
// is registered once with the run's [netops.Poller], edge-triggered, and
// the loop, which sleeps on the poller when it has nothing to run, reads
// what has arrived when the poller says so. An idle connection so costs
// its coroutine and socket, not a parked worker goroutine (most of an idle
// connection's cost before), a request reaches its task with no hand-off
// between goroutines, and a wait costs no system call (see pollWait).
//
// The system calls around the wait are placed by load. A loop with other
// tasks to run gathers the replies its tasks queued and hands them, a
// batch at a time, to a worker, which writes them (outbox.go):
// the loop, the one goroutine Lua runs on, spends its time on Lua and the
// writes run in parallel (doing them on the loop halved echo.lua's round
// trips at 500 clients). A loop with nothing else to do writes the reply
// itself and tries a read: no hand-off, the shortest path for one client.

// startPoller gives the loop its poller, where the system has one: the
// loop then runs the poller's callbacks itself and sleeps on it (see
// sched.poll), and whatever wakes the loop (a worker, a timer, a stop)
// wakes the poller.
func (e *engine) startPoller() {
	p, err := netops.NewLoopPoller()
	if err != nil {
		return
	}
	e.poller = p
	e.s.poll = func(wait bool) { p.Poll(wait) }
	e.s.in.notify = p.Wake
	context.AfterFunc(e.ctx, p.Wake)
}

// poll returns the run's poller for a receive on sk, or nil when sk must
// be waited on by a worker (not a TCP connection: UDP, a UNIX-domain
// socket, TLS; no poller here).
func (e *engine) poll(sk *sock) *netops.Poller {
	if e.poller == nil || sk.ns.Kind != netops.KindConn || !sk.ns.Pollable() || e.s.live(sk.rwait) {
		return nil // (another task's receive waits on it already: this one takes a worker)
	}
	if _, ok := sk.ns.TLS(); ok {
		return nil // TLS records: readable bytes are not yet plaintext
	}
	return e.poller
}

// pollWait is a socket's waits on the poller, made by its first receive
// that waits there, which registers the socket edge-triggered
// ([netops.Poller.Watch]): the poller then calls readable, on the loop, at
// every arrival, and a wait costs no system call. Only the loop reads or
// writes its fields.
//
// With edges, what was read decides what is known: after a read that came
// back short, the kernel held nothing more, and whatever arrives later
// brings an edge. So pending says that the socket may hold data no edge
// will announce: an edge came while no receive waited, a read filled its
// buffer, the stream ended (it stays readable), or a receive elsewhere
// read (seen, against [netops.Socket.Reads]). A receive then reads before
// it waits.
type pollWait struct {
	e       *engine
	sk      *sock
	w       waiter // the receive that waits, if live
	max     int
	dl      time.Time // the receive's deadline; zero: none
	pending bool
	seen    uint64 // sk.ns.Reads() after the last read here
}

// pollOf returns sk's pollWait, registering sk with p the first time.
func (e *engine) pollOf(sk *sock, p *netops.Poller) (*pollWait, error) {
	if sk.pw != nil {
		return sk.pw, nil
	}
	pw := &pollWait{e: e, sk: sk, pending: true}
	if err := p.Watch(sk.ns, pw.readable); err != nil {
		return nil, err
	}
	sk.pw = pw
	return pw, nil
}

// quiet reports that sk holds nothing to read that no edge will announce.
// The end of the stream (or a reset) that came with the last data is such
// a thing: the edge that brought both is spent, and a read that took the
// data came back short (see [netops.Socket.HungUp]).
func (pw *pollWait) quiet() bool {
	return !pw.pending && pw.seen == pw.sk.ns.Reads() && !pw.sk.ns.Leftover() && !pw.sk.ns.HungUp()
}

// try reads what is there without waiting, and notes what the read tells:
// only a read from the kernel that came back short says the kernel holds
// nothing more (bytes an earlier receive left buffered say nothing of it).
func (pw *pollWait) try(max int) ([]byte, error) {
	pw.pending = false
	buffered := pw.sk.ns.Leftover()
	b, err := pw.sk.ns.TryRecv(max)
	pw.seen = pw.sk.ns.Reads()
	if buffered || len(b) == max || err != nil {
		pw.pending = true
	}
	return b, err
}

// pollRecv parks task t until something arrives on sk, then reads on the
// loop (see the top of poll.go); sk must be quiet. flush, when not nil,
// is the reply the task queued (claimed): it joins the loop's outbox, which
// a worker writes, so that the loop goes on with the other tasks meanwhile.
func (e *engine) pollRecv(L *lua.LState, t *task, pw *pollWait, max int, timeout time.Duration, flush []byte) int {
	if pw.sk.ns.Closed() { // closed by someone else (the shell): no arrival will ever come
		if flush != nil {
			pw.sk.flushFirst(e, flush)
		}
		return fail(L, "closed")
	}
	wait := time.Duration(-1)
	pw.dl = time.Time{}
	if timeout > 0 {
		wait = timeout
		pw.dl = time.Now().Add(timeout)
	}
	pw.max = max
	pw.w = e.s.holdTask(t, wait, timedOut)
	pw.sk.rwait = pw.w
	if flush != nil {
		e.outbox.add(pw.sk, flush)
	}
	return L.Yield(e.s.marker)
}

// readable runs at every arrival on the socket (and once when it is
// closed): it reads for the receive that waits, if one does, and wakes its
// task with what it got; with none waiting, it notes that data is pending.
func (pw *pollWait) readable() {
	w, sk := pw.w, pw.sk
	if sk.rwait != w || !pw.e.s.live(w) {
		pw.pending = true // no receive waits: the next one reads first
		return
	}
	b, err := pw.try(pw.max)
	var r result
	switch {
	case err == netops.ErrBusy: // another receive (the shell's) holds the socket: wait on a worker
		pw.e.toWorker(w, sk, pw.max, pw.dl)
		return
	case b != nil:
		r = result{a: ownedString(b)}
	case err != nil:
		r = failErr(err)
	case !sk.ns.Closed():
		return // an edge for nothing (data a read before took): wait for the next
	default:
		r = failErr(net.ErrClosed)
	}
	sk.rwait = waiter{}
	pw.e.s.wake(w, r)
}

// toWorker moves the wait of w, a receive on sk until dl (zero: none), to a
// worker: its timer stops, and the worker's receive times out itself.
func (e *engine) toWorker(w waiter, sk *sock, max int, dl time.Time) {
	if w.t.timer != nil {
		w.t.timer.Stop()
		w.t.timer = nil
	}
	sk.rwait = waiter{}
	if sk.pw != nil {
		sk.pw.pending = true // the worker reads, and may leave data behind
	}
	e.s.dispatch(work{t: w.t, seq: w.seq, op: func(context.Context) result {
		var timeout time.Duration
		if !dl.IsZero() {
			if timeout = time.Until(dl); timeout <= 0 {
				timeout = time.Nanosecond
			}
		}
		b, err := sk.ns.Recv(e.s.sockCtx, max, timeout)
		if err != nil {
			return failErr(err)
		}
		return result{a: ownedString(b)}
	}})
}
