// Package luanet binds netops to gopher-lua: the `net` table, sockets with
// blocking-style methods, tasks (spawn, join, cancel), queues, sleep, now,
// input, bytes.pack/unpack and hex, for scripts that serve many connections with plain sequential Lua.
//
// # Concurrency
//
// A script runs in ONE Lua state. Its main chunk and every spawn are
// coroutines driven by a scheduler (sched.go, whose contract is written at
// its top): a blocking call yields, its I/O runs on a worker goroutine that
// hands plain Go values back (a receive first tries on the loop, and on
// Linux waits on an epoll poller instead: poll.go; sleep, join and queues
// wait on the loop itself: task.go, queue.go), and only the scheduler's
// goroutine touches the Lua state. The Lua API is one table (api.go). pcall, xpcall and
// coroutine.resume/wrap are replaced by versions that let a blocking call
// inside them reach the scheduler. A blocking call where Lua 5.1 cannot
// yield (a metamethod, a for-in iterator, a table.sort or string.gsub
// callback) raises a clear error instead.
//
// # Errors
//
// Expected network failures return nil and a short reason ("timeout",
// "closed", "refused", ...; see netops.Reason). Misuse raises an error that
// names the script's file:line. An error in a spawned function ends that
// function only: it goes to Options.OnError as a [TaskError] (or, without
// it, to Options.Stderr); an error in the main chunk ends the script and
// RunFile returns it as a [ScriptError]. Both carry the Lua traceback.
package luanet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// Options configure a script run.
type Options struct {
	Table     *netops.Table // sockets join this table; nil: a table of the script's own
	Stdin     io.Reader     // input() reads lines here, unless Input is set
	Input     func(ctx context.Context, prompt string) (string, error)
	Stdout    io.Writer // print() and the script's output
	Stderr    io.Writer // reports of server limits, and of handler errors without OnError
	AllowExec bool      // os.execute and io.popen are available

	// Unread, if set, takes back a line Input gave that no task received
	// (its task was canceled, or the run ended, before it ran): the next
	// read of that input should return it before any other (when the run
	// ends, the lines come the last first: each goes before the others).
	Unread func(line string)

	// OnError, if set, receives the error of each spawned function (a
	// *TaskError, with its traceback) instead of Stderr, so that the
	// embedder prints it as it prints the script's own error. It is
	// called from the script's goroutine, one error at a time.
	OnError func(error)

	// Memory is the run's budget, in bytes, for what socklab buffers for
	// its peers (queued sends, unfinished lines): 0 means DefaultMemory;
	// it is kept within MinMemory..MaxMemory. See memory.go.
	Memory int64

	// FlushTimeout bounds how long a script that ended waits for data it
	// queued with send to go out before its sockets close; 0 means 5 s.
	FlushTimeout time.Duration
}

// RunFile runs the Lua script at path with args in the global arg (arg[0]
// is path) and as the main chunk's "...". It returns when the main chunk and
// every spawned function have ended, when the main chunk fails (the error
// names file:line), or soon after ctx ends (its error wraps ctx.Err()). Every
// socket the script opened is closed by the time it returns.
func RunFile(ctx context.Context, path string, args []string, o Options) error {
	src, err := readScript(ctx, path)
	if err != nil {
		return err
	}
	e := newEngine(ctx, filepath.Base(path), o)
	fn, err := e.L.Load(bytes.NewReader(src), path)
	if err != nil {
		e.close()
		return loadError(err)
	}
	argT := e.L.NewTable()
	argT.RawSetInt(0, lua.LString(path))
	vals := make([]lua.LValue, len(args))
	for i, a := range args {
		argT.RawSetInt(i+1, lua.LString(a))
		vals[i] = lua.LString(a)
	}
	e.L.SetGlobal("arg", argT)
	return e.runGuarded(ctx, fn, vals)
}

// RunString runs a chunk of Lua code under the name name (used in error
// positions), like [RunFile]; the global arg is empty.
func RunString(ctx context.Context, name, code string, o Options) error {
	e := newEngine(ctx, name, o)
	fn, err := e.L.Load(strings.NewReader(code), name)
	if err != nil {
		e.close()
		return loadError(err)
	}
	argT := e.L.NewTable()
	argT.RawSetInt(0, lua.LString(name))
	e.L.SetGlobal("arg", argT)
	return e.runGuarded(ctx, fn, nil)
}

var runs atomic.Int64

// engine is one script run: its Lua state, scheduler and sockets.
type engine struct {
	o        Options
	name     string
	owner    string
	table    *netops.Table
	ownTable bool // the table is the run's own
	ctx      context.Context
	cancel   context.CancelFunc
	stdout   io.Writer
	stderr   io.Writer
	L        *lua.LState
	s        *sched

	socks   map[*sock]struct{}
	poller  *netops.Poller // the loop's (poll.go); nil where the system has none
	dirty   []*sock        // sockets with queued data to kick after a resume (writer.go)
	outbox  outbox         // replies claimed by receives parked on the poller (outbox.go)
	methods *lua.LTable    // the socket methods
	sockMT  *lua.LTable
	taskMT  *lua.LTable
	queueMT *lua.LTable
	writers sync.WaitGroup

	budget *netops.Budget // what the run buffers for its peers (memory.go)

	inputOnce sync.Once
	lines     chan piece
	inputStop map[*task]context.CancelFunc // ends the input read of a task canceled while it waits
	inSeq     atomic.Uint64                // numbers the lines read (piece.seq)

	backMu     sync.Mutex
	back       []piece // lines given back, in the order they came (giveback.go)
	inputEnded bool    // the run is over: a line given back goes to Options.Unread
}

// stopGrace bounds how long a stopped run may take to end: its worker and
// writer goroutines get half of it each once its sockets are closed, and
// runGuarded gives up on it after that (stop.go).
const stopGrace = time.Second

// threadRegistry is the initial data stack, in slots, of each task.
const threadRegistry = 32

func newEngine(parent context.Context, name string, o Options) *engine {
	ctx, cancel := context.WithCancel(parent)
	e := &engine{o: o, name: name, ctx: ctx, cancel: cancel, socks: map[*sock]struct{}{}, budget: newBudget(o)}
	e.owner = fmt.Sprintf("lua:%s#%d", name, runs.Add(1)) // the sockets' owner, as `sockets` shows it
	e.table = o.Table
	if e.table == nil {
		e.table, e.ownTable = netops.NewTable(), true
	}
	out, errw := o.Stdout, o.Stderr
	if out == nil {
		out = io.Discard
	}
	if errw == nil {
		errw = io.Discard
	}
	mu := &sync.Mutex{}
	e.stdout = &lockedWriter{w: out, mu: mu}
	if errw == out {
		e.stderr = &lockedWriter{w: errw, mu: mu}
	} else {
		e.stderr = &lockedWriter{w: errw, mu: &sync.Mutex{}}
	}
	e.L = lua.NewState(lua.Options{SkipOpenLibs: true, RegistrySize: 256,
		RegistryMaxSize: 256 * 1024, MinimizeStackMemory: true})
	// Tasks are threads made with these options. NewState raises a data
	// stack below 128 slots to its 5120 default, but a thread's registry
	// grows on demand (by RegistryGrowStep), and most tasks need a few
	// dozen slots: 32 (512 bytes) instead of 256 saves 3.5 KiB per task.
	e.L.Options.RegistrySize = threadRegistry
	e.s = newSched(e.L, ctx)
	e.s.afterResume = e.kickDirty
	e.outbox.e = e
	e.s.settle = e.outbox.settle
	e.s.failed = e.taskFailed
	e.startPoller()
	e.openLibs()
	e.L.SetContext(e.s.vm) // the only way to stop a CPU-bound script: gopher-lua checks it between VM instructions
	return e
}

// run runs fn as the main task and waits for the script to end.
func (e *engine) run(fn *lua.LFunction, args []lua.LValue) error {
	e.s.main = e.s.spawn(words.T("lua.main_chunk"), "", fn, args...)
	err := e.s.run()
	if e.ctx.Err() == nil { // ended by itself: let queued sends go out first
		ft := e.o.FlushTimeout
		if ft <= 0 {
			ft = 5 * time.Second
		}
		waitTimeout(&e.writers, ft)
	}
	e.cancel()
	e.closeAll()
	if e.poller != nil {
		e.poller.Close()
	}
	// Every socket is closed and ctx is done, so each worker and writer
	// returns at once; the bound keeps a stop a stop should one not.
	waitTimeout(&e.s.ops, stopGrace/2)
	waitTimeout(&e.writers, stopGrace/2)
	e.endInput()
	var ex *ExitError
	if errors.As(err, &ex) && ex.Code == 0 {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: stopped: %w", e.name, err)
	}
	return err
}

func (e *engine) close() {
	e.cancel()
	if e.poller != nil {
		e.poller.Close()
	}
	e.L.Close()
}

// closeAll closes every socket of the run, including ones a late
// operation made after the script let go of it.
func (e *engine) closeAll() {
	for sk := range e.socks {
		sk.forceClose()
	}
	e.table.CloseOwned(e.owner)
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
