// Package luanet binds netops to gopher-lua: the `net` table, sockets with
// blocking-style methods, spawn, sleep, now, input, bytes.pack/unpack and
// hex, for scripts that serve many connections with plain sequential Lua.
//
// # Concurrency
//
// A script runs in ONE Lua state. Its main chunk and every spawn are
// coroutines driven by a scheduler (sched.go): a blocking call yields, its
// I/O runs on a worker goroutine that hands plain Go values back, and only
// the scheduler's goroutine touches the Lua state. pcall, xpcall and
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
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

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

	// OnError, if set, receives the error of each spawned function (a
	// *TaskError, with its traceback) instead of Stderr, so that the
	// embedder prints it as it prints the script's own error. It is
	// called from the script's goroutine, one error at a time.
	OnError func(error)

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
	e := newEngine(ctx, filepath.Base(path), o)
	defer e.close()
	fn, err := e.L.LoadFile(path)
	if err != nil {
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
	return e.run(fn, vals)
}

// RunString runs a chunk of Lua code under the name name (used in error
// positions), like [RunFile]; the global arg is empty.
func RunString(ctx context.Context, name, code string, o Options) error {
	e := newEngine(ctx, name, o)
	defer e.close()
	fn, err := e.L.Load(strings.NewReader(code), name)
	if err != nil {
		return loadError(err)
	}
	argT := e.L.NewTable()
	argT.RawSetInt(0, lua.LString(name))
	e.L.SetGlobal("arg", argT)
	return e.run(fn, nil)
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

	socks    map[*sock]struct{}
	poller   *netops.Poller // made by the first receive that waits on one (poll.go)
	noPoller bool           // the system has none
	dirty    []*sock        // sockets with queued data to kick after a resume (writer.go)
	methods  *lua.LTable    // the socket methods
	sockMT   *lua.LTable
	taskMT   *lua.LTable
	queueMT  *lua.LTable
	writers  sync.WaitGroup

	inputOnce sync.Once
	lines     chan string
}

// stopGrace bounds how long a stopped run waits for its worker and writer
// goroutines, once its sockets are closed.
const stopGrace = time.Second

// threadRegistry is the initial data stack, in slots, of each task.
const threadRegistry = 32

func newEngine(parent context.Context, name string, o Options) *engine {
	ctx, cancel := context.WithCancel(parent)
	e := &engine{o: o, name: name, ctx: ctx, cancel: cancel, socks: map[*sock]struct{}{}}
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
	e.s.failed = e.taskFailed
	e.openLibs()
	e.L.SetContext(e.s.vm) // the only way to stop a CPU-bound script: gopher-lua checks it between VM instructions
	return e
}

// run runs fn as the main task and waits for the script to end.
func (e *engine) run(fn *lua.LFunction, args []lua.LValue) error {
	e.s.main = e.s.spawn(words.T("lua.main_chunk"), fn, args...)
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
	waitTimeout(&e.s.ops, stopGrace)
	waitTimeout(&e.writers, stopGrace)
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

//go:embed prelude.lua
var preludeSrc string

const preludeName = "luanet prelude"

// preludeProto is the prelude compiled once per process: compiling it was
// most of the cost of starting a script (gopher-lua's byte code is
// immutable and may be shared between states).
var preludeProto = sync.OnceValue(func() *lua.FunctionProto {
	chunk, err := parse.Parse(strings.NewReader(preludeStubs()+preludeSrc), preludeName)
	if err != nil {
		panic("luanet: prelude: " + err.Error())
	}
	proto, err := lua.Compile(chunk, preludeName)
	if err != nil {
		panic("luanet: prelude: " + err.Error())
	}
	return proto
})

// openLibs opens the standard libraries scripts may use (not channel),
// defines the API and runs the prelude.
func (e *engine) openLibs() {
	L := e.L
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable}, {lua.IoLibName, lua.OpenIo},
		{lua.OsLibName, lua.OpenOs}, {lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath}, {lua.DebugLibName, lua.OpenDebug},
		{lua.CoroutineLibName, lua.OpenCoroutine}} {
		L.Push(L.NewFunction(lib.fn))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	osT := L.GetGlobal("os").(*lua.LTable)
	ioT := L.GetGlobal("io").(*lua.LTable)
	if !e.o.AllowExec {
		deny := func(name string) *lua.LFunction {
			return L.NewFunction(func(L *lua.LState) int {
				raise(L, words.T("lua.exec_off", name))
				return 0
			})
		}
		osT.RawSetString("execute", deny("os.execute"))
		ioT.RawSetString("popen", deny("io.popen"))
	}
	block := func(name string) *lua.LFunction {
		return L.NewFunction(func(L *lua.LState) int {
			raise(L, words.T("lua.would_block", name))
			return 0
		})
	}
	ioT.RawSetString("read", block("io.read"))
	ioT.RawSetString("lines", block("io.lines"))
	osT.RawSetString("exit", L.NewFunction(e.osExit))
	netT, bytesT := L.NewTable(), L.NewTable()
	L.SetGlobal("net", netT)
	L.SetGlobal("bytes", bytesT)
	e.methods = L.NewTable()
	e.sockMT = e.metatable(e.methods, "socket", e.mString)
	taskM, queueM := L.NewTable(), L.NewTable()
	e.taskMT = e.metatable(taskM, "task", e.taskString)
	e.queueMT = e.metatable(queueM, "queue", nil)
	T := L.NewTable()
	for k, v := range map[string]*lua.LTable{"net": netT, "bytes": bytesT, "global": L.G.Global,
		"sock": e.methods, "task": taskM, "queue": queueM} {
		T.RawSetString(k, v)
	}
	P := L.NewTable()
	for _, f := range api {
		fn := f.fn
		lf := L.NewFunction(func(L *lua.LState) int { return fn(e, L) })
		switch {
		case f.on == "P":
			P.RawSetString(f.name, lf)
		case f.stub != "":
			P.RawSetString(f.on+"."+f.name, lf)
		default:
			T.RawGetString(f.on).(*lua.LTable).RawSetString(f.name, lf)
		}
	}
	L.Push(L.NewFunctionFromProto(preludeProto()))
	L.Push(P)
	L.Push(T)
	L.Push(e.s.marker)
	L.Call(3, 1)
	e.s.tramp = L.Get(-1).(*lua.LFunction)
	L.Pop(1)
}

// metatable makes the metatable of an API object: methods as __index,
// tostring, and a __metatable that keeps scripts from changing it.
func (e *engine) metatable(methods *lua.LTable, kind string, tostring lua.LGFunction) *lua.LTable {
	mt := e.L.NewTable()
	mt.RawSetString("__index", methods)
	if tostring != nil {
		mt.RawSetString("__tostring", e.L.NewFunction(tostring))
	}
	mt.RawSetString("__metatable", lua.LString(kind))
	return mt
}

// print writes its arguments, tostring'ed and tab-separated, as one line.
func (e *engine) print(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(L.ToStringMeta(L.Get(i)).String())
	}
	b.WriteByte('\n')
	io.WriteString(e.stdout, b.String())
	return 0
}

// osExit ends the script: os.exit() or os.exit(0) or os.exit(true)
// succeeds, another code makes RunFile fail. It never ends the process.
func (e *engine) osExit(L *lua.LState) int {
	code := 0
	switch v := L.Get(1).(type) {
	case lua.LBool:
		if !v {
			code = 1
		}
	case lua.LNumber:
		code = int(v)
	}
	ud := L.NewUserData()
	ud.Value = &ExitError{Code: code}
	L.Error(ud, 0)
	return 0
}

// isGo reports whether its argument is a Go function.
func isGo(L *lua.LState) int {
	f, ok := L.Get(1).(*lua.LFunction)
	L.Push(lua.LBool(ok && f.IsG))
	return 1
}

// fwd passes a scheduler yield from a script's coroutine (or a pcall) on
// to the scheduler; the answer comes back as its two results.
func (e *engine) fwd(L *lua.LState) int {
	what := "blocking call"
	if t := e.s.taskOf(L); t != nil && t.what != "" {
		what = t.what
	}
	e.s.checkYield(L, what)
	return L.Yield(e.s.marker)
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

// where returns "file:line:" of the innermost frame of the script's own
// code (not a Go function, not the prelude), looking into the coroutines
// that resumed L when L has none (pcall(c.recv, c) runs the method alone
// in a coroutine).
func where(L *lua.LState) string {
	for th, n := L, 0; th != nil && n < 256; th, n = th.Parent, n+1 {
		if w := whereIn(th); w != "" {
			return w
		}
	}
	return ""
}

func whereIn(L *lua.LState) string {
	for level := 0; level < 64; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			break
		}
		if _, err := L.GetInfo("Sl", dbg, lua.LNil); err != nil {
			break
		}
		if dbg.What == "G" || dbg.Source == preludeName || dbg.CurrentLine <= 0 {
			continue
		}
		return fmt.Sprintf("%s:%d:", dbg.Source, dbg.CurrentLine)
	}
	return ""
}

// raise raises a Lua error that names the script's file:line.
func raise(L *lua.LState, msg string) {
	if w := where(L); w != "" {
		msg = w + " " + msg
	}
	L.Error(lua.LString(msg), 0)
}
