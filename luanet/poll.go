package luanet

import (
	"context"
	"net"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
)

// A receive on a TCP connection that finds nothing waits without a
// goroutine of its own where the system allows it (Linux): the run's
// [netops.Poller] is armed for the connection, and the loop, which sleeps
// on the poller when it has nothing to run, reads what has arrived when
// the poller says so. An idle connection so costs its coroutine and
// socket, not a parked worker goroutine (most of an idle connection's cost
// before), and a request reaches its task with no hand-off between
// goroutines.
//
// The system calls around the wait are placed by load. A loop with other
// tasks to run hands the reply the task queued to a worker, which writes
// it and arms the poller: the loop, the one goroutine Lua runs on, spends
// its time on Lua and the writes run in parallel (doing them on the loop
// halved echo.lua's round trips at 500 clients). A loop with nothing else
// to do writes the reply itself, tries a read and arms: no hand-off, the
// shortest path for one client.

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

// pollWait is the state of the receives on one socket that wait on the
// poller, made once per socket: a receive sets its fields and arms the
// poller. Only the loop reads or writes w, max and dl; a worker reads e,
// sk, p and cb, which never change. The poller's callback
// only says "readable": the loop then reads for whichever receive waits
// on the socket at that moment, if one does, so a late or repeated
// callback does no harm.
type pollWait struct {
	e   *engine
	sk  *sock
	p   *netops.Poller // the run's, for good
	w   waiter
	max int
	dl  time.Time // the receive's deadline; zero: none
	cb  func()    // bound once: the poller's callback
}

// pollRecv parks task t until sk is readable, then reads on the loop
// (see the top of poll.go). flush, when not nil, is the reply the task
// queued (claimed): a worker writes it and then arms the poller, so that
// the loop goes on with the other tasks meanwhile.
func (e *engine) pollRecv(L *lua.LState, t *task, p *netops.Poller, sk *sock, max int, timeout time.Duration, flush []byte) int {
	pw := sk.pw
	if pw == nil {
		pw = &pollWait{e: e, sk: sk, p: p}
		pw.cb = pw.readable
		sk.pw = pw
	}
	wait := time.Duration(-1)
	pw.dl = time.Time{}
	if timeout > 0 {
		wait = timeout
		pw.dl = time.Now().Add(timeout)
	}
	pw.max = max
	pw.w = e.s.holdTask(t, wait, timedOut)
	sk.rwait = pw.w
	if flush != nil {
		e.s.goWork(func(context.Context) result { pw.writeAndArm(flush); return result{} })
	} else if err := p.Arm(sk.ns, pw.cb); err != nil { // the socket is open: only a failing epoll_ctl gets here
		sk.rwait = waiter{}
		e.s.unhold(pw.w)
		return fail(L, netops.Reason(err))
	}
	return L.Yield(e.s.marker)
}

// writeAndArm is the worker's job of pollRecv: write the reply, then arm
// the poller. A socket closed meanwhile cannot be armed; the loop then
// reads once and hears of the close.
func (pw *pollWait) writeAndArm(flush []byte) {
	pw.sk.flushFirst(pw.e, flush)
	if pw.p.Arm(pw.sk.ns, pw.cb) != nil {
		pw.e.s.in.put(completion{fn: pw.cb})
	}
}

// readable reads, on the loop, for the receive that waits on the socket
// (if one still does) now that the poller said it is readable, and wakes
// its task with what it got. Nothing there after all: it waits again.
func (pw *pollWait) readable() {
	w, sk := pw.w, pw.sk
	if sk.rwait != w || !pw.e.s.live(w) {
		return // stale: that receive has ended (a timeout, a close, a cancel)
	}
	b, err := sk.ns.TryRecv(pw.max)
	var r result
	switch {
	case err == netops.ErrBusy: // a receive of the shell's holds the socket: wait on a worker
		pw.e.toWorker(w, sk, pw.max, pw.dl)
		return
	case b != nil:
		r = result{a: ownedString(b)}
	case err != nil:
		r = failErr(err)
	case pw.p.Arm(sk.ns, pw.cb) == nil:
		return // woken for nothing: wait again
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
