package luanet

import (
	"context"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// The worker goroutines of [sched.park]: each runs a parked operation and
// hands its result to the loop's inbox.

// dispatch hands w to an idle worker, or to a new one.
func (s *sched) dispatch(w work) {
	s.handed.Store(true)
	select {
	case s.work <- w: // an idle worker takes it
	default:
		s.ops.Add(1)
		go s.worker(w)
	}
}

// work is one parked operation for a worker goroutine, or (t nil) a job
// whose result no one waits for (see [sched.goWork]).
type work struct {
	t   *task
	seq uint64
	op  func(ctx context.Context) result
}

// goWork runs job on a worker goroutine, for a task that waits some other
// way (the reply a receive waiting on the poller queued, poll.go).
func (s *sched) goWork(job func(ctx context.Context) result) {
	s.dispatch(work{op: job})
}

// maxIdle bounds the workers kept waiting for the next operation. While
// the loop resumes one batch of completions, the workers that delivered
// them all wait: at 500 busy clients that is up to 500. An idle worker
// costs its stack (a few KiB).
const maxIdle = 1024

// worker runs operations until the loop ends or enough others are idle.
// A goroutine per operation would do, but reusing one keeps its stack,
// grown once: a fresh goroutine grows its stack on every operation
// (morestack was 4% of echo.lua's CPU at 500 clients).
//
// Only a worker whose operation went the usual way (data received, data
// sent, a sleep) is reused. One that made a socket (accept, connect) or
// failed (nil and a reason: end of stream, refused, ...) went down deeper
// paths, and a
// reused worker keeps the stack it grew there while it waits, possibly
// for long, in its next receive: with clients coming and going all the
// time, the server's memory kept growing (soak: +60 MiB in 3 minutes at
// 10,000 connections). Those workers end instead.
func (s *sched) worker(w work) {
	defer s.ops.Done()
	for {
		c := completion{t: w.t, seq: w.seq, res: safeOp(s.ctx, w.op)}
		usual := c.res.then == nil && c.res.a != lua.LNil
		if w.t != nil && !s.in.put(c) {
			c.res.drop()
			return
		}
		if !usual {
			return
		}
		if s.idle.Add(1) > maxIdle {
			s.idle.Add(-1)
			return
		}
		var ok bool
		w, ok = <-s.work // closed when the loop ends
		s.idle.Add(-1)
		if !ok {
			return
		}
	}
}

// safeOp runs op, turning a panic (a bug in socklab) into the failure
// nil, "internal error: ... (please report it)" (lua.internal), so that one operation cannot
// crash the process and every parked operation still completes once.
func safeOp(ctx context.Context, op func(context.Context) result) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{a: lua.LNil, b: lua.LString(words.T("lua.internal", p))}
		}
	}()
	return op(ctx)
}
