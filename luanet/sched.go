package luanet

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// The scheduler runs every task of a script (the main chunk, each spawn) as
// a coroutine of ONE Lua state, in the manner of grafana/k6's event loop and
// OpenResty's cosockets. Its contract:
//
//   - Only the loop touches the Lua state. The loop is the goroutine running
//     [sched.run]; it resumes tasks, and every Go function Lua calls runs on
//     it. Anything else (a worker, a timer) hands back a [result]: plain Go
//     values, or a then function the loop runs before the task resumes.
//     The poller's callbacks run on the loop itself, in poll.
//   - A blocking call parks its task and yields; it must be the last thing
//     the Go function does (`return s.park(...)`, or hold then
//     `return L.Yield(s.marker)`). [sched.park] runs the operation on a
//     worker goroutine; [sched.hold] waits for the loop itself to wake the
//     task ([sched.wake]: join, queues, a receive the poller says can
//     read, poll.go) or for a timer (sleep, timeouts).
//   - Every park completes exactly once. A parked task carries a sequence
//     number; only a completion with the current one resumes it, with
//     exactly two values (see api.go). Every other completion (a timer that
//     fired after a wake, the operation of a task that was canceled or
//     failed, anything after the run ended) is dropped, and its result's
//     abandon hook releases what it held (a socket no task will see). A
//     canceled or failed task is removed at once: nothing resumes it again.
//   - Which context an operation runs under: park's operations get the
//     run's context, which ends when the script is stopped; receives use
//     sockCtx (the run's values, never canceled) and end when their socket
//     closes, which the run does to every socket it owns when it ends and to
//     a task's sockets when that task fails or is canceled. Waits the loop
//     ends itself need no context: the loop stops their timers when it ends.
//   - The loop knows nothing of sockets: the engine's hooks (afterResume,
//     failed, poll) and the results' then/abandon functions do that work.

// result is what an operation hands back to the loop: two Lua values
// built off the Lua goroutine (strings, numbers, nil), or a function the
// loop runs to make them (then), with a hook for the case where no one
// takes them (abandon). The loop knows nothing else of what the operation
// was, in the manner of k6's RegisterCallback.
type result struct {
	a, b lua.LValue
	// then, when set, runs on the loop before task t resumes, and its
	// values become the results: it may touch the Lua state (wrap a socket
	// the operation made into a Lua object owned by t, build a table).
	then func(t *task) (lua.LValue, lua.LValue)
	// abandon, when set, runs instead of then when the result is dropped:
	// its task ended or resumed otherwise, or the run ended. It releases
	// what then would have handed over (closes a socket no task will see).
	abandon func()
}

// task is one coroutine the scheduler drives.
type task struct {
	th      *lua.LState
	id      int
	name    string  // "main chunk" or "spawn at x.lua:7"
	waiting bool    // an operation is parked on it
	woken   bool    // and the loop holds its result: it resumes at its turn (t:status() says "ready")
	seq     uint64  // sequence number of the parked operation
	socks   []*sock // the sockets its failure closes (see own)
	tb      string  // traceback captured by the trampoline's Panic hook
	what    string  // the blocking call it last made ("recv")
	quick   int     // blocking calls in a row that completed at once (see now)
	stuck   bool    // in a wait only another task can end (see stick)

	timer   *time.Timer  // ends a wait with a timeout (task.go)
	joiners []waiter     // tasks in t:join()
	end     string       // how it ended: endDone, endFailed, endCanceled; "" while it runs
	results []lua.LValue // what its function returned
	errv    lua.LValue   // its error, when it failed (see errValue)
}

// completion resumes task t with vals. seq 0 means a start or a
// non-parked resume.
type completion struct {
	t   *task
	seq uint64
	res result
	// args start a task: the spawn's position, the function and its arguments.
	args []lua.LValue
}

type sched struct {
	L   *lua.LState // the root state; tasks are its threads
	ctx context.Context
	vm  *vmCtx // ctx as the Lua VM polls it
	// sockCtx is ctx without its cancellation, for receives parked on a
	// socket of the run. The run closes every such socket when it ends
	// (engine.closeAll) or when the task that owns it fails, which wakes
	// the receive; netops then skips arming a cancel watcher per call, a
	// cost paid on every receive (context.AfterFunc was 4% of echo.lua's
	// CPU at 500 clients).
	sockCtx context.Context
	tasks   map[*lua.LState]*task
	ready   []completion
	later   []completion   // ready after the loop has looked at its inbox (see now)
	left    int            // completions after the one being resumed in the loop's batch (see busy)
	stuck   int            // tasks in a wait only another task can end (see stick)
	in      *inbox         // completions on their way to the loop
	ops     sync.WaitGroup // the worker goroutines
	work    chan work      // hands an operation to an idle worker; closed when run returns
	idle    atomic.Int32   // workers waiting on work
	// handed says that an operation went to a worker since the loop last
	// looked (see yieldForMore).
	handed  atomic.Bool
	marker  *lua.LUserData
	tramp   *lua.LFunction
	nextID  int
	main    *task
	cur     *task // the task being resumed
	mainErr error
	args2   [2]lua.LValue // the two values of a parked operation's resume

	// afterResume runs after every resume (the engine starts writers for
	// data the task queued, writer.go); failed reports a failed task other
	// than the main chunk and releases what it held. Both may be nil.
	afterResume func()
	failed      func(t *task, msg string)
	// poll, when set, is the engine's poller (poll.go): the loop runs
	// poll(false) on every turn, which calls the callbacks of the sockets
	// that became readable, and sleeps in poll(true) instead of on its
	// inbox, which then wakes it through the poller (inbox.notify).
	poll func(wait bool)
	// settle, when set, runs whenever the loop has resumed every ready
	// task, before it looks for more work or sleeps, and when it ends
	// (last, before the workers stop): the engine hands the writes its
	// tasks gathered to a worker (outbox.go).
	settle func(last bool)
}

func newSched(L *lua.LState, ctx context.Context) *sched {
	s := &sched{L: L, ctx: ctx, vm: newVMCtx(ctx), sockCtx: context.WithoutCancel(ctx), tasks: map[*lua.LState]*task{},
		in: newInbox(), work: make(chan work)}
	s.marker = L.NewUserData()
	return s
}

// spawn makes a task that calls fn(args...) and queues its start. at is
// the "file:line:" of the spawn ("" for the main chunk): the trampoline
// keeps it for errors that have no line of their own (see where).
func (s *sched) spawn(name, at string, fn *lua.LFunction, args ...lua.LValue) *task {
	th, cancel := s.L.NewThread() // always from the root: gopher-lua gives a thread made on a coroutine a context that ends with that coroutine
	// The thread's own context, a child of the root's, would cost every
	// instruction of the task an atomic load (vmctx.go); nothing cancels
	// a task through it, so the task polls the run's context instead.
	cancel()
	th.SetContext(s.vm)
	s.nextID++
	t := &task{th: th, id: s.nextID, name: name}
	s.tasks[th] = t
	s.ready = append(s.ready, completion{t: t, args: append([]lua.LValue{lua.LString(at), fn}, args...)})
	return t
}

// run resumes tasks until none is left, the main chunk fails, or ctx ends.
func (s *sched) run() error {
	defer s.stop()
	if s.settle != nil {
		defer s.settle(true) // before stop: the workers are still there
	}
	var batch []completion
	for {
		if err := s.runReady(); err != nil {
			return err
		}
		if s.settle != nil {
			s.settle(false)
		}
		if len(s.tasks) == 0 {
			return nil
		}
		if batch = s.in.take(batch); len(batch) == 0 && len(s.ready) == 0 && len(s.later) == 0 {
			batch = s.yieldForMore(batch) // and, if nothing comes, sleep, which polls first
		} else if s.poll != nil {
			s.poll(false) // its callbacks may wake tasks
		}
		if len(batch) == 0 && len(s.later) > 0 {
			s.promote()
			continue
		}
		if len(batch) == 0 && len(s.ready) > 0 {
			continue
		}
		if len(batch) == 0 {
			if s.stuck > 0 && s.stuck == len(s.tasks) {
				return errors.New(words.T("lua.deadlock"))
			}
			var err error
			if batch, err = s.sleep(batch); err != nil {
				return err
			}
			if len(batch) == 0 {
				continue
			}
		}
		markWoken(batch)
		s.promote()
		for i := range batch {
			s.left = len(batch) - 1 - i
			s.resume(batch[i])
			if err := s.runReady(); err != nil {
				for _, c := range batch[i+1:] {
					c.res.drop()
				}
				return err
			}
		}
	}
}

// sleep waits until something arrives in the inbox or, with a poller,
// until a callback of the poller may have woken a task (it then runs on
// the loop, in poll). It returns what the inbox held, if it looked.
func (s *sched) sleep(batch []completion) ([]completion, error) {
	if s.poll == nil {
		select {
		case <-s.in.wake:
		case <-s.ctx.Done():
		}
		return batch, s.ctx.Err()
	}
	s.in.sleeping.Store(true) // from now on a put wakes the poller (inbox.notify)
	if batch = s.in.take(batch); len(batch) == 0 && s.ctx.Err() == nil {
		s.poll(true)
	}
	s.in.sleeping.Store(false)
	return batch, s.ctx.Err()
}

// busy reports whether the loop has more to run than the task it is
// resuming: then a task's system calls are better made by a worker,
// in parallel, than by the loop.
func (s *sched) busy() bool {
	return s.left > 0 || len(s.ready) > 0 || len(s.later) > 0
}

// promote makes the tasks in later ready.
func (s *sched) promote() {
	s.ready = append(s.ready, s.later...)
	clear(s.later)
	s.later = s.later[:0]
}

// yieldForMore lets the workers the last batch woke run on this thread
// before the loop sleeps: they are queued right here, and their results
// often arrive within a few yields. Sleeping at once cost a park and a
// wake-up per batch (two completions on average at 500 busy clients);
// three yields first gave 10% more round trips.
// When no operation went to a worker since the loop last looked, there is
// nothing to wait for: a yield then only wakes an idle thread of the Go
// runtime, which finds nothing and sleeps again (a futex call each way,
// once per round trip at one client, where the loop writes the replies
// itself: skipping them gave 20-35% more round trips at 1 and 50 clients).
// batch is what take last returned (the inbox does not hold it).
func (s *sched) yieldForMore(batch []completion) []completion {
	if !s.handed.Swap(false) {
		return batch
	}
	for range 3 {
		runtime.Gosched()
		if batch = s.in.take(batch); len(batch) > 0 {
			break
		}
	}
	return batch
}

// runReady resumes the tasks that need no completion (new ones, and
// forwarded yields), and reports why the loop must end, if it must.
func (s *sched) runReady() error {
	for len(s.ready) > 0 && s.mainErr == nil && s.ctx.Err() == nil {
		c := s.ready[0]
		s.ready[0] = completion{}
		s.ready = s.ready[1:]
		s.resume(c)
	}
	if s.mainErr != nil {
		return s.mainErr
	}
	return s.ctx.Err()
}

// stop ends the loop's side of the workers: an idle worker exits, and a
// completion that comes later, or came and was never taken or never
// resumed, is dropped.
func (s *sched) stop() {
	for _, t := range s.tasks {
		if t.timer != nil {
			t.timer.Stop()
		}
	}
	close(s.work)
	for _, c := range append(append(s.in.close(), s.ready...), s.later...) {
		c.res.drop()
	}
}

// park suspends the calling task until op's result comes back. op runs on
// a worker goroutine with the script's context and must return once that
// context ends, or (a receive given sockCtx) once the run closes its
// socket. park must be the last thing a primitive does:
// `return s.park(L, "recv", op)`. A primitive with an effect before it
// parks (a receive flushing the queued sends) calls [sched.checkYield] first
// and then [sched.parkTask], so that a refused call has no effect.
func (s *sched) park(L *lua.LState, what string, op func(ctx context.Context) result) int {
	return s.parkTask(L, s.checkYield(L, what), op)
}

// parkTask parks task t, which checkYield returned for L.
func (s *sched) parkTask(L *lua.LState, t *task, op func(ctx context.Context) result) int {
	t.seq++
	seq := t.seq
	t.waiting, t.woken = true, false
	t.quick = 0
	s.dispatch(work{t: t, seq: seq, op: op})
	return L.Yield(s.marker)
}

// maxQuick is how many calls in a row a task may complete at once (see
// now) before it lets the others run.
const maxQuick = 16

// now returns r to a blocking call of task t (which checkYield returned)
// that completed without waiting (a
// receive that found data): at once, or, after maxQuick such calls in a
// row, through the back of the ready queue, so that a task whose peer
// always has data ready cannot keep the others from running. Like park,
// it must be the last thing the primitive does.
func (s *sched) now(L *lua.LState, t *task, r result) int {
	if t.quick < maxQuick {
		t.quick++
		for _, v := range [2]lua.LValue{r.a, r.b} {
			if v == nil {
				v = lua.LNil
			}
			L.Push(v)
		}
		return 2
	}
	t.quick = 0
	s.holdTask(t, -1, result{})
	t.seq++
	t.woken = true
	s.later = append(s.later, completion{t: t, seq: t.seq, res: r})
	return L.Yield(s.marker)
}

// drop runs r's abandon hook: no task will see r.
func (r result) drop() {
	if r.abandon != nil {
		r.abandon()
	}
}

// checkYield raises a clear error where Lua 5.1 cannot yield, and returns
// the task to park. A call inside the script's own coroutine (or one of
// the coroutine-based pcall) reaches the scheduler through every coroutine
// that resumed it, so each of them must be able to yield too: otherwise
// the call would start, and its result be dropped when the forwarding
// yield is refused further out.
func (s *sched) checkYield(L *lua.LState, what string) *task {
	t := s.taskOf(L)
	if t == nil {
		raise(L, words.T("lua.no_task", what))
	}
	t.what = what
	if !canYieldChain(L, t.th) {
		raise(L, words.T("lua.cannot_block", what))
	}
	return t
}

// resume runs task c.t until it yields or ends.
func (s *sched) resume(c completion) {
	t := c.t
	if _, live := s.tasks[t.th]; !live {
		c.res.drop()
		return
	}
	var args []lua.LValue
	switch {
	case c.args != nil:
		args = c.args
	case c.seq != 0:
		if c.seq != t.seq || !t.waiting {
			c.res.drop() // stale: the operation was abandoned
			return
		}
		s.unstick(t)
		t.waiting, t.woken = false, false
		if t.timer != nil {
			t.timer.Stop()
			t.timer = nil
		}
		a, b := c.res.a, c.res.b
		if c.res.then != nil {
			a, b = c.res.then(t)
		}
		if a == nil {
			a = lua.LNil
		}
		if b == nil {
			b = lua.LNil
		}
		s.args2 = [2]lua.LValue{a, b}
		args = s.args2[:]
	default:
		s.args2 = [2]lua.LValue{lua.LNil, lua.LNil}
		args = s.args2[:]
	}
	s.cur = t
	st, err, vals := s.safeResume(t, args)
	s.cur = nil
	s.args2 = [2]lua.LValue{}
	if s.afterResume != nil {
		s.afterResume()
	}
	switch st {
	case lua.ResumeError:
		s.fail(t, err)
	case lua.ResumeOK:
		t.results = vals
		s.finish(t)
	case lua.ResumeYield:
		if len(vals) == 0 || vals[0] != s.marker {
			s.fail(t, errors.New(words.T("lua.yield_outside", t.id, t.name)))
			return
		}
		if !t.waiting { // a forwarded yield with nothing parked: resume at once
			s.ready = append(s.ready, completion{t: t})
		}
	}
}

func (s *sched) safeResume(t *task, args []lua.LValue) (st lua.ResumeState, err error, vals []lua.LValue) {
	defer func() {
		if r := recover(); r != nil {
			st, err = lua.ResumeError, errors.New(words.T("lua.internal", r))
		}
	}()
	return s.L.Resume(t.th, s.tramp, args...)
}

// fail reports t's error and ends t. An error of the main chunk ends the script.
func (s *sched) fail(t *task, err error) {
	msg := taskErrText(s.L, t, err)
	t.end, t.errv = endFailed, errValue(err, msg)
	if s.ctx.Err() != nil {
		s.finish(t)
		return
	}
	if ex, ok := asExit(err); ok {
		s.mainErr = ex
		s.finish(t)
		return
	}
	if t == s.main {
		s.mainErr = &ScriptError{Msg: msg, Traceback: t.tb}
		s.finish(t)
		return
	}
	if s.failed != nil {
		s.failed(t, msg)
	}
	s.finish(t)
}

// finish ends t (done, unless it failed or was canceled) and wakes the
// tasks that join it.
func (s *sched) finish(t *task) {
	s.unstick(t)
	delete(s.tasks, t.th)
	t.waiting, t.woken = false, false
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	if t.end == "" {
		t.end = endDone
	}
	for _, w := range t.joiners {
		if s.live(w) {
			a, b := s.outcome(t)
			s.wake(w, result{a: a, b: b})
		}
	}
	t.joiners = nil
}
