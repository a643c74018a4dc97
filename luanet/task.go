package luanet

import (
	"errors"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// Tasks as scripts see them. spawn returns a handle with join, cancel and
// status, in the manner of OpenResty's ngx.thread.spawn/wait/kill:
//
//	local t = spawn(function(a, b) sleep(0.1) return a + b end, 1, 2)
//	print(t:join())       --> true  3
//	print(t:status())     --> done
//
// t:cancel() ends the task where it waits, as ngx.thread.kill does: its
// blocking call does not return, the task's sockets are closed (as when it
// fails) and t:join() returns nil, "canceled". A task that is running
// cannot be canceled by itself (cooperative tasks: only a waiting or ready
// task can be canceled, by another one).

// The ends of a task, as t:status() reports them; a task still going is
// "ready", "running" or "waiting".
const (
	endDone     = "done"
	endFailed   = "failed"
	endCanceled = "canceled"
)

// waiter is a task parked on a wait the loop itself completes (a join, a
// queue). It is stale once the task was resumed, woken or ended.
type waiter struct {
	t   *task
	seq uint64
}

// live reports whether w still waits.
func (s *sched) live(w waiter) bool {
	if w.t == nil {
		return false
	}
	_, ok := s.tasks[w.t.th]
	return ok && w.t.waiting && w.t.seq == w.seq
}

// hold parks the calling task on a wait that the loop completes with
// [sched.wake]; after timeout (< 0: none) it resumes with onTimeout
// instead. Like park it must be followed by `return L.Yield(s.marker)`
// (see [sched.holdYield]).
func (s *sched) hold(L *lua.LState, what string, timeout time.Duration, onTimeout result) waiter {
	return s.holdTask(s.checkYield(L, what), timeout, onTimeout)
}

// holdTask is hold for task t, which checkYield returned.
func (s *sched) holdTask(t *task, timeout time.Duration, onTimeout result) waiter {
	t.quick = 0
	t.seq++
	t.waiting, t.woken = true, false
	w := waiter{t: t, seq: t.seq}
	if timeout >= 0 {
		s.timed(w, timeout, onTimeout)
	}
	return w
}

// unhold undoes a hold whose wait could not be arranged after all; the
// caller then returns without yielding.
func (s *sched) unhold(w waiter) {
	w.t.waiting, w.t.woken = false, false
	w.t.seq++
	if w.t.timer != nil {
		w.t.timer.Stop()
		w.t.timer = nil
	}
}

// holdPeer is hold for a wait only another task can end (join, push,
// pop): it fails with "timeout" when timeout passes, and without a timeout
// it counts towards deadlock detection (see stick).
func (s *sched) holdPeer(L *lua.LState, what string, timeout time.Duration) waiter {
	w := s.hold(L, what, timeout, timedOut)
	if timeout < 0 {
		s.stick(w.t)
	}
	return w
}

// stick notes that t waits, without a timeout, for something only another
// task can do (a join, a queue). When every task so waits and none is
// ready, nothing can ever wake one: the loop ends the script with
// "lua.deadlock" instead of waiting for ever (as Go's runtime does).
func (s *sched) stick(t *task) {
	if !t.stuck {
		t.stuck = true
		s.stuck++
	}
}

// unstick undoes stick when t resumes or ends.
func (s *sched) unstick(t *task) {
	if t.stuck {
		t.stuck = false
		s.stuck--
	}
}

// timed arranges for w to resume with r after d, unless it resumed before.
func (s *sched) timed(w waiter, d time.Duration, r result) {
	w.t.timer = time.AfterFunc(d, func() { s.in.put(completion{t: w.t, seq: w.seq, res: r}) })
}

// wake resumes w with r at the loop's next turn, if it still waits, and
// reports whether it did.
func (s *sched) wake(w waiter, r result) bool {
	if !s.live(w) {
		return false
	}
	w.t.seq++ // what else would resume w (its timer) is stale from now on
	w.t.woken = true
	s.ready = append(s.ready, completion{t: w.t, seq: w.t.seq, res: r})
	return true
}

// markWoken notes the tasks that the completions of batch, which the
// loop took from its inbox, resume: they are "ready" until then.
func markWoken(batch []completion) {
	for _, c := range batch {
		if c.seq != 0 && c.seq == c.t.seq && c.t.waiting {
			c.t.woken = true
		}
	}
}

// taskOf returns the task whose coroutine L is, or runs inside (a script's
// own coroutine, or one of the coroutine-based pcall).
func (s *sched) taskOf(L *lua.LState) *task {
	if s.cur != nil && s.cur.th == L { // the usual case: a call from the running task itself
		return s.cur
	}
	for th := L; th != nil; th = th.Parent {
		if t, ok := s.tasks[th]; ok {
			return t
		}
	}
	return nil
}

// timedOut is the result of a wait that timed out (made once: every
// receive needs it).
var timedOut = failErr(netops.ErrTimeout)

// handle is the Lua object of a task.
func (e *engine) handle(t *task) *lua.LUserData {
	ud := e.L.NewUserData()
	ud.Value = t
	ud.Metatable = e.taskMT
	return ud
}

func (e *engine) checkTask(L *lua.LState, fname string) *task {
	ud, ok := L.Get(1).(*lua.LUserData)
	if ok {
		if t, ok := ud.Value.(*task); ok {
			return t
		}
	}
	raise(L, words.T("lua.bad_self", fname, "task", typeName(L.Get(1)), "t", fname))
	return nil
}

// spawn(fn, ...) runs fn(...) as a new task and returns its handle.
// Sockets among the arguments now belong to it: if it fails, they are
// closed.
func (e *engine) spawn(L *lua.LState) int {
	fn, ok := L.Get(1).(*lua.LFunction)
	if !ok {
		typeErr(L, 1, "spawn", "function", L.Get(1))
	}
	args := make([]lua.LValue, 0, L.GetTop()-1)
	for i := 2; i <= L.GetTop(); i++ {
		args = append(args, L.Get(i))
	}
	name, w := words.T("lua.spawned"), where(L)
	if w != "" {
		name = words.T("lua.spawned_at", strings.TrimSuffix(w, ":"))
	}
	t := e.s.spawn(name, w, fn, args...)
	for i := range args {
		if sk := toSock(L, i+2); sk != nil {
			e.own(sk, t)
		}
	}
	L.Push(e.handle(t))
	return 1
}

// t:join([timeout]) -> true, results... | nil, err. The prelude's stub
// unpacks the results, which come back as one table.
func (e *engine) join(L *lua.LState) int {
	t := e.checkTask(L, "join")
	timeout := optWait(L, 2, 1, "join")
	if cur := e.s.taskOf(L); cur == t {
		raise(L, words.T("lua.join_self"))
	}
	if t.end != "" {
		a, b := e.s.outcome(t)
		L.Push(a)
		L.Push(b)
		return 2
	}
	if timeout == 0 {
		return fail(L, "timeout")
	}
	w := e.s.holdPeer(L, "join", timeout)
	if len(t.joiners) == cap(t.joiners) { // joins that timed out: amortised
		t.joiners = pruneW(t.joiners, e.s)
	}
	t.joiners = append(t.joiners, w)
	return L.Yield(e.s.marker)
}

// outcome is what join returns for ended task t.
func (s *sched) outcome(t *task) (lua.LValue, lua.LValue) {
	switch t.end {
	case endDone:
		r := s.L.CreateTable(len(t.results), 1)
		for i, v := range t.results {
			r.RawSetInt(i+1, v)
		}
		r.RawSetString("n", lua.LNumber(len(t.results)))
		return lua.LTrue, r
	case endCanceled:
		return lua.LNil, lua.LString("canceled")
	}
	return lua.LNil, t.errv
}

// errValue is what join returns for a task that failed with err: the value
// it raised, as pcall returns it (a table keeps its fields), or msg, the
// error's text, for a string or an error of socklab's own.
func errValue(err error, msg string) lua.LValue {
	var ae *lua.ApiError
	if errors.As(err, &ae) && ae.Object != nil && ae.Object.Type() != lua.LTString && ae.Object != lua.LNil {
		return ae.Object
	}
	return lua.LString(msg)
}

// t:cancel() -> true if it ended t, false if t had ended already.
func (e *engine) cancelTask(L *lua.LState) int {
	t := e.checkTask(L, "cancel")
	if t.end != "" {
		L.Push(lua.LFalse)
		return 1
	}
	if t == e.s.cur || e.s.taskOf(L) == t {
		raise(L, words.T("lua.cancel_self"))
	}
	t.end = endCanceled
	e.stopInput(t)
	e.closeTaskSocks(t)
	e.s.finish(t)
	e.s.abandonReady(t)
	L.Push(lua.LTrue)
	return 1
}

// abandonReady drops at once what was about to resume t, which just ended
// (a value a queue handed it): its abandon hook runs before cancel returns
// (the value is back in the queue), not when the loop comes to it.
func (s *sched) abandonReady(t *task) {
	for _, l := range [][]completion{s.ready, s.later} {
		for i := range l {
			if l[i].t == t {
				l[i].res.drop()
				l[i].res = result{}
			}
		}
	}
}

// t:status() -> "ready", "running", "waiting", "done", "failed" or "canceled".
// A task whose wait has ended (the loop holds its result) but that has not
// run since is "ready", as one that has not started: either runs at the
// loop's next turn, join waits for it, and cancel ends it (dropping that
// result: a popped value goes back to its queue).
func (e *engine) taskStatus(L *lua.LState) int {
	t := e.checkTask(L, "status")
	var st string
	switch {
	case t.end != "":
		st = t.end
	case t == e.s.cur:
		st = "running"
	case t.waiting && !t.woken:
		st = "waiting"
	default:
		st = "ready"
	}
	L.Push(lua.LString(st))
	return 1
}

func (e *engine) taskString(L *lua.LState) int {
	ud, _ := L.Get(1).(*lua.LUserData)
	if ud == nil {
		L.Push(lua.LString("task"))
		return 1
	}
	t, _ := ud.Value.(*task)
	if t == nil {
		L.Push(lua.LString("task"))
		return 1
	}
	L.Push(lua.LString("task " + strconv.Itoa(t.id) + " (" + t.name + ")"))
	return 1
}
