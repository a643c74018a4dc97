package luanet

import (
	"io"

	lua "github.com/yuin/gopher-lua"
)

// routeStdio makes io.write, io.stdout:write and io.stderr:write write to
// the run's Options.Stdout and Options.Stderr, where print writes. Lua's io
// library holds the process's own os.Stdout and os.Stderr, so without this
// a script run by the shell wrote past the shell's output: out of order with
// its print lines and with the shell's, and over the line being typed. A
// file opened with io.open, or made the default output with io.output,
// keeps Lua's own write.
func (e *engine) routeStdio(L *lua.LState, ioT *lua.LTable) {
	stdout, stderr := ioT.RawGetString("stdout"), ioT.RawGetString("stderr")
	output := ioT.RawGetString("output")
	ioWrite := ioT.RawGetString("write")
	ioT.RawSetString("write", L.NewFunction(func(L *lua.LState) int {
		L.Push(output)
		L.Call(0, 1)
		def := L.Get(-1)
		L.Pop(1)
		switch def {
		case stdout:
			return writeAll(L, e.stdout, 1)
		case stderr:
			return writeAll(L, e.stderr, 1)
		}
		return callWith(L, ioWrite)
	}))
	methods, ok := L.GetTypeMetatable("FILE*").(*lua.LTable)
	if !ok {
		return
	}
	fileWrite := methods.RawGetString("write")
	methods.RawSetString("write", L.NewFunction(func(L *lua.LState) int {
		switch L.Get(1) {
		case stdout:
			return writeAll(L, e.stdout, 2)
		case stderr:
			return writeAll(L, e.stderr, 2)
		}
		return callWith(L, fileWrite)
	}))
}

// writeAll writes the arguments from the first'th on (strings or numbers,
// as Lua's file:write takes) to w in one Write, and returns true as Lua's
// io.write does.
func writeAll(L *lua.LState, w io.Writer, first int) int {
	var b []byte
	for i := first; i <= L.GetTop(); i++ {
		L.CheckTypes(i, lua.LTNumber, lua.LTString)
		b = append(b, lua.LVAsString(L.Get(i))...)
	}
	if len(b) > 0 {
		w.Write(b)
	}
	L.Push(lua.LTrue)
	return 1
}

// callWith calls fn with the arguments the running Go function got and
// returns its results.
func callWith(L *lua.LState, fn lua.LValue) int {
	top := L.GetTop()
	L.Push(fn)
	for i := 1; i <= top; i++ {
		L.Push(L.Get(i))
	}
	L.Call(top, lua.MultRet)
	return L.GetTop() - top
}
