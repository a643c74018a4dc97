package luanet

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// Queues pass values between tasks, in the manner of Copas' copas.queue and
// Go's channels (a queue of capacity N also serves as a semaphore of N):
//
//	local q = queue(10)        -- at most 10 values waiting; queue(): no bound
//	q:push(v [, timeout])      -- true; waits while the queue is full
//	q:pop([timeout])           -- v; or nil, "timeout" / nil, "closed"
//	q:close()                  -- pop takes what is left, then gets "closed"
//
// A queue lives on the scheduler's goroutine: a wait costs no goroutine,
// only a timer when it has a timeout.

// queue is a script's queue.
type queue struct {
	items   []lua.LValue
	head    int // items[head:] wait to be popped
	cap     int // 0: no bound
	closed  bool
	poppers []waiter
	pushers []pusher
}

// pusher is a task waiting for room for v.
type pusher struct {
	w waiter
	v lua.LValue
}

func (q *queue) len() int { return len(q.items) - q.head }

func (q *queue) full() bool { return q.cap > 0 && q.len() >= q.cap }

func (q *queue) add(v lua.LValue) {
	if q.head > 0 && q.head == len(q.items) {
		clear(q.items)
		q.items, q.head = q.items[:0], 0
	}
	q.items = append(q.items, v)
}

// unshift puts v back in front of the values that wait (a value handed to
// a pop that never took it; it may make the queue one over its capacity).
func (q *queue) unshift(v lua.LValue) {
	if q.head > 0 {
		q.head--
		q.items[q.head] = v
		return
	}
	q.items = append(q.items, nil)
	copy(q.items[1:], q.items)
	q.items[0] = v
}

func (q *queue) take() lua.LValue {
	v := q.items[q.head]
	q.items[q.head] = nil
	q.head++
	if q.head > 64 && q.head*2 > len(q.items) { // drop the popped half
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
	return v
}

// queue([capacity]) -> a new queue.
func (e *engine) newQueue(L *lua.LState) int {
	q := &queue{}
	if v := L.Get(1); v != lua.LNil {
		q.cap = int(checkWholeArg(L, 1, 1, "queue", 1, 1<<30, func(got lua.LNumber) string {
			return words.T("lua.queue_capacity", 1<<30, got.String())
		}))
	}
	ud := L.NewUserData()
	ud.Value = q
	ud.Metatable = e.queueMT
	L.Push(ud)
	return 1
}

func (e *engine) checkQueue(L *lua.LState, fname string) *queue {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if q, ok := ud.Value.(*queue); ok {
			return q
		}
	}
	raise(L, words.T("lua.bad_self", fname, "queue", typeName(L.Get(1)), "q", fname))
	return nil
}

// q:push(v [, timeout]) -> true | nil, "timeout" | nil, "closed"
func (e *engine) qpush(L *lua.LState) int {
	q := e.checkQueue(L, "push")
	v := L.Get(2)
	if v == lua.LNil {
		raise(L, words.T("lua.push_nil"))
	}
	timeout := optWait(L, 3, 2, "push")
	if q.closed {
		return fail(L, "closed")
	}
	if e.toPopper(q, v) { // straight to a waiting pop
		return ok2(L, lua.LTrue)
	}
	if !q.full() {
		q.add(v)
		return ok2(L, lua.LTrue)
	}
	if timeout == 0 {
		return fail(L, "timeout")
	}
	w := e.s.holdPeer(L, "push", timeout)
	if len(q.pushers) == cap(q.pushers) { // before the list grows: amortised
		q.pushers = prune(q.pushers, e.s)
	}
	q.pushers = append(q.pushers, pusher{w: w, v: v})
	return L.Yield(e.s.marker)
}

// q:pop([timeout]) -> v | nil, "timeout" | nil, "closed"
func (e *engine) qpop(L *lua.LState) int {
	q := e.checkQueue(L, "pop")
	timeout := optWait(L, 2, 1, "pop")
	if q.len() > 0 {
		v := q.take()
		e.refill(q)
		return ok2(L, v)
	}
	for len(q.pushers) > 0 { // a capacity-less hand-over (only when items is empty)
		p := q.pushers[0]
		q.pushers = q.pushers[1:]
		if e.s.wake(p.w, result{a: lua.LTrue}) {
			return ok2(L, p.v)
		}
	}
	if q.closed {
		return fail(L, "closed")
	}
	if timeout == 0 {
		return fail(L, "timeout")
	}
	w := e.s.holdPeer(L, "pop", timeout)
	if len(q.poppers) == cap(q.poppers) {
		q.poppers = pruneW(q.poppers, e.s)
	}
	q.poppers = append(q.poppers, w)
	return L.Yield(e.s.marker)
}

// handOver is the result that gives v to a waiting pop. If that pop's task
// is canceled (or the run ends) before it takes v, v goes to the next
// waiting pop or back to the front of q: a value push said it queued is
// never lost.
func (e *engine) handOver(q *queue, v lua.LValue) result {
	return result{a: v, abandon: func() {
		if !e.toPopper(q, v) {
			q.unshift(v)
		}
	}}
}

// toPopper hands v to the first pop of q that still waits; false when
// none does.
func (e *engine) toPopper(q *queue, v lua.LValue) bool {
	for len(q.poppers) > 0 {
		w := q.poppers[0]
		q.poppers = q.poppers[1:]
		if e.s.wake(w, e.handOver(q, v)) {
			return true
		}
	}
	return false
}

// refill moves the value of the first live waiting push into the room a
// pop made.
func (e *engine) refill(q *queue) {
	for len(q.pushers) > 0 && !q.full() {
		p := q.pushers[0]
		q.pushers[0] = pusher{}
		q.pushers = q.pushers[1:]
		if e.s.wake(p.w, result{a: lua.LTrue}) {
			q.add(p.v)
		}
	}
}

// q:close() -> true. Waiting pops get nil, "closed" (once the queue is
// empty), waiting and later pushes nil, "closed".
func (e *engine) qclose(L *lua.LState) int {
	q := e.checkQueue(L, "close")
	if !q.closed {
		q.closed = true
		for _, w := range q.poppers {
			e.s.wake(w, result{a: lua.LNil, b: lua.LString("closed")})
		}
		for _, p := range q.pushers {
			e.s.wake(p.w, result{a: lua.LNil, b: lua.LString("closed")})
		}
		q.poppers, q.pushers = nil, nil
	}
	L.Push(lua.LTrue)
	return 1
}

// q:len() -> how many values wait in the queue.
func (e *engine) qlen(L *lua.LState) int {
	q := e.checkQueue(L, "len")
	L.Push(lua.LNumber(q.len()))
	return 1
}

// prune drops the pushers that no longer wait (timed out or ended), so
// that a loop of pushes with timeouts on a full queue does not grow the
// list; called when the list is full, it costs O(1) per push on average.
func prune(ps []pusher, s *sched) []pusher {
	out := ps[:0]
	for _, p := range ps {
		if s.live(p.w) {
			out = append(out, p)
		}
	}
	clear(ps[len(out):])
	return out
}

// pruneW is prune for a list of waiters.
func pruneW(ws []waiter, s *sched) []waiter {
	out := ws[:0]
	for _, w := range ws {
		if s.live(w) {
			out = append(out, w)
		}
	}
	clear(ws[len(out):])
	return out
}
