package luanet

import (
	"context"
	"net"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
)

// A receive on a TCP connection that finds nothing waits without a
// goroutine of its own where the system allows it (Linux): the loop arms
// the run's [netops.Poller] for the connection, and the poller's callback
// hands the loop a completion that reads, on the loop, what has arrived.
// An idle connection so costs its coroutine and socket, not a parked
// worker goroutine (most of an idle connection's cost before), and a
// request costs one hand-off (poller to loop) instead of two.

// poll returns the run's poller for a receive on sk, or nil when sk must
// be waited on by a worker (not a TCP connection, no poller here).
func (e *engine) poll(sk *sock) *netops.Poller {
	if sk.ns.Kind != netops.KindConn || sk.ns.Proto == "udp" || e.noPoller || e.s.live(sk.rwait) {
		return nil // (another task's receive waits on it already: this one takes a worker)
	}
	if _, ok := sk.ns.TLS(); ok {
		return nil // TLS records: readable bytes are not yet plaintext
	}
	if e.poller == nil {
		p, err := netops.NewPoller()
		if err != nil {
			e.noPoller = true
			return nil
		}
		e.poller = p
	}
	return e.poller
}

// pollWait is the state of the receives on one socket that wait on the
// poller, made once per socket: a receive sets its fields and arms the
// poller, and only the loop reads or writes them (the poller's callback
// carries the waiter it was armed for, so a late callback is stale).
type pollWait struct {
	e     *engine
	sk    *sock
	p     *netops.Poller
	w     waiter
	max   int
	dl    time.Time // the receive's deadline; zero: none
	data  []byte
	rerr  error
	res   result // ready and then bound once
	armed func() // bound once: arms the poller for w
}

// pollRecv parks task t until sk is readable, then reads on the loop
// (see the top of poll.go).
func (e *engine) pollRecv(L *lua.LState, t *task, p *netops.Poller, sk *sock, max int, timeout time.Duration) int {
	pw := sk.pw
	if pw == nil {
		pw = &pollWait{e: e, sk: sk}
		pw.res = result{ready: pw.ready, then: pw.then}
		sk.pw = pw
	}
	wait := time.Duration(-1)
	pw.dl = time.Time{}
	if timeout > 0 {
		wait = timeout
		pw.dl = time.Now().Add(timeout)
	}
	pw.p, pw.max, pw.data, pw.rerr = p, max, nil, nil
	pw.w = e.s.holdTask(t, wait, failErr(errTimeout))
	t.quick = 0
	if err := pw.arm(); err != nil { // the socket is open: only a failing epoll_ctl gets here
		e.s.unhold(pw.w)
		return fail(L, netops.Reason(err))
	}
	sk.rwait = pw.w
	return L.Yield(e.s.marker)
}

// arm asks the poller to hand the loop a completion for the current wait
// once the socket is readable.
func (pw *pollWait) arm() error {
	w, in, res := pw.w, pw.e.s.in, pw.res
	return pw.p.Arm(pw.sk.ns, func() { in.put(completion{t: w.t, seq: w.seq, res: res}) })
}

// ready reads what the poller said is there, on the loop, the task still
// waiting; false: nothing after all, the wait goes on.
func (pw *pollWait) ready() bool {
	pw.data, pw.rerr = pw.sk.ns.TryRecv(pw.max)
	if pw.rerr == netops.ErrBusy { // a receive of the shell's holds the socket: wait on a worker
		pw.e.toWorker(pw.w, pw.sk, pw.max, pw.dl)
		return false
	}
	if pw.data != nil || pw.rerr != nil {
		return true
	}
	if pw.sk.closed || pw.arm() != nil { // a close by another task wakes it (closeSock)
		pw.rerr = net.ErrClosed
		return true
	}
	return false // woken for nothing: wait again
}

// then returns the receive's results.
func (pw *pollWait) then(*task) (lua.LValue, lua.LValue) {
	pw.sk.rwait = waiter{}
	data, rerr := pw.data, pw.rerr
	pw.data, pw.rerr = nil, nil
	if rerr != nil {
		r := failErr(rerr)
		return r.a, r.b
	}
	return ownedString(data), lua.LNil
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
