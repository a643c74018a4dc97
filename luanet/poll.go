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

// pollRecv parks the calling task until sk is readable, then reads on the
// loop (see poll.go).
func (e *engine) pollRecv(L *lua.LState, t *task, p *netops.Poller, sk *sock, max int, timeout time.Duration) int {
	wait := time.Duration(-1)
	if timeout > 0 {
		wait = timeout
	}
	w := e.s.holdTask(t, wait, failErr(errTimeout))
	w.t.quick = 0
	var dl time.Time
	if timeout > 0 {
		dl = time.Now().Add(timeout)
	}
	var data []byte
	var rerr error
	var res result
	var arm func() error
	res = result{
		ready: func() bool { // on the loop, the task still waiting
			data, rerr = sk.ns.TryRecv(max)
			if rerr == netops.ErrBusy { // a receive of the shell's holds the socket: wait on a worker
				e.toWorker(w, sk, max, dl)
				return false
			}
			if data != nil || rerr != nil {
				return true
			}
			if sk.closed || arm() != nil { // a close by another task wakes it (closeSock)
				rerr = net.ErrClosed
				return true
			}
			return false // woken for nothing: wait again
		},
		then: func(*task) (lua.LValue, lua.LValue) {
			sk.rwait = waiter{}
			if rerr != nil {
				r := failErr(rerr)
				return r.a, r.b
			}
			return ownedString(data), lua.LNil
		},
	}
	arm = func() error { return p.Arm(sk.ns, func() { e.s.in.put(completion{t: w.t, seq: w.seq, res: res}) }) }
	if err := arm(); err != nil { // the socket is open: only a failing epoll_ctl gets here
		e.s.unhold(w)
		return fail(L, netops.Reason(err))
	}
	sk.rwait = w
	return L.Yield(e.s.marker)
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
