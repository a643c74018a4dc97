package luanet

// This file is the script's libraries: the prelude (Lua code run once per
// state), the tables of the API, and the globals socklab replaces (print,
// os.exit, the functions a script may not use).

import (
	_ "embed"
	"io"
	"strconv"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"github.com/socklab/socklab/words"
)

// preludeSrc is the Lua side of the libraries: pcall, coroutines and the
// blocking calls' stubs built on the scheduler (see prelude.lua).
//
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
	e.routeStdio(L, ioT)
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
	ioT.RawSetString("lines", block("io.lines")) // io.read is the prelude's
	osT.RawSetString("exit", L.NewFunction(e.osExit))
	netT, bytesT := L.NewTable(), L.NewTable()
	L.SetGlobal("net", netT)
	L.SetGlobal("bytes", bytesT)
	e.methods = L.NewTable()
	e.sockMT = e.metatable(e.methods, "socket", e.mString)
	e.sockMT.RawSetString("__index", L.NewFunction(e.sockIndex))
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
// The code is a number, or a string that is one ("3"), as in Lua.
func (e *engine) osExit(L *lua.LState) int {
	code := 0
	switch v := L.Get(1).(type) {
	case *lua.LNilType:
	case lua.LBool:
		if !v {
			code = 1
		}
	case lua.LNumber:
		code = int(v)
	default:
		n, ok := v.(lua.LString)
		f, err := strconv.ParseFloat(strings.TrimSpace(string(n)), 64)
		if !ok || err != nil {
			typeErr(L, 1, "exit", "number", v)
		}
		code = int(f)
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
