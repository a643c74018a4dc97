package luanet

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// The Lua API in one table: where each function goes, its Go function,
// and whether it may block. A blocking function is reached through a Lua
// stub the prelude defines from this table (see preludeStubs): the stub
// calls the Go primitive in non-tail position and always takes exactly two
// values back, which the scheduler always resumes it with (gopher-lua
// neither adjusts a resume's values to the call site nor survives a
// yielding Go function in tail position at the top of a coroutine).
// Adding a blocking method means adding one line here and a Go function
// that ends in park or hold.

// apiFunc is one function of the Lua API.
type apiFunc struct {
	on     string // "net", "bytes", "global", "sock", "task", "queue" (methods), or "P" (the prelude's own)
	name   string
	fn     func(*engine, *lua.LState) int
	params string // blocking: the stub's parameters after self, e.g. "n, t"
	stub   string // blocking: how the stub returns; see stubBody
}

// The stub kinds: "" returns one value, or nil and the reason; "none"
// returns nothing (sleep); "join" returns true and the results unpacked,
// or nil and the reason; "spread" returns the first value and the second's
// array part (a table), or nil and the reason (recvfrom: data, from, size).
var api = []apiFunc{
	{on: "net", name: "listen", fn: (*engine).listen},
	{on: "net", name: "udp", fn: (*engine).udp},
	{on: "net", name: "memory", fn: (*engine).memory},
	{on: "net", name: "socket", fn: (*engine).socket},
	{on: "net", name: "connect", fn: (*engine).connect, params: "addr, o", stub: "."},
	{on: "net", name: "resolve", fn: (*engine).resolve, params: "host", stub: "."},

	{on: "global", name: "spawn", fn: (*engine).spawn},
	{on: "global", name: "queue", fn: (*engine).newQueue},
	{on: "global", name: "now", fn: func(_ *engine, L *lua.LState) int { return luaNow(L) }},
	{on: "global", name: "hex", fn: func(_ *engine, L *lua.LState) int { return luaHex(L) }},
	{on: "global", name: "say", fn: func(_ *engine, L *lua.LState) int { return luaSay(L) }},
	{on: "global", name: "print", fn: (*engine).print},
	{on: "global", name: "sleep", fn: (*engine).sleep, params: "s", stub: "none"},
	{on: "global", name: "input", fn: (*engine).input, params: "prompt", stub: "."},
	{on: "bytes", name: "pack", fn: func(_ *engine, L *lua.LState) int { return luaPack(L) }},
	{on: "bytes", name: "unpack", fn: func(_ *engine, L *lua.LState) int { return luaUnpack(L) }},

	{on: "sock", name: "close", fn: (*engine).mClose},
	{on: "sock", name: "localaddr", fn: (*engine).mLocal},
	{on: "sock", name: "remoteaddr", fn: (*engine).mRemote},
	{on: "sock", name: "state", fn: (*engine).mState},
	{on: "sock", name: "queued", fn: (*engine).mQueued},
	{on: "sock", name: "setoption", fn: (*engine).mSetOption},
	{on: "sock", name: "getoption", fn: (*engine).mGetOption},
	{on: "sock", name: "bind", fn: (*engine).mBind},
	{on: "sock", name: "listen", fn: (*engine).mListen},
	{on: "sock", name: "accept", fn: (*engine).accept, params: "t", stub: "."},
	{on: "sock", name: "connect", fn: (*engine).sconnect, params: "addr, t", stub: "."},
	{on: "sock", name: "send", fn: (*engine).send, params: "d, t", stub: "."},
	{on: "sock", name: "sendline", fn: (*engine).sendline, params: "d, t", stub: "."},
	{on: "sock", name: "recv", fn: (*engine).recv, params: "n, t", stub: "."},
	{on: "sock", name: "recvn", fn: (*engine).recvn, params: "n, t", stub: "."},
	{on: "sock", name: "recvline", fn: (*engine).recvline, params: "t", stub: "."},
	{on: "sock", name: "recvuntil", fn: (*engine).recvuntil, params: "d, t", stub: "."},
	{on: "sock", name: "recvall", fn: (*engine).recvall, params: "t", stub: "."},
	{on: "sock", name: "sendto", fn: (*engine).sendto, params: "d, addr", stub: "."},
	{on: "sock", name: "recvfrom", fn: (*engine).recvfrom, params: "n, t", stub: "spread"},
	{on: "sock", name: "shutdown", fn: (*engine).shutdown, params: "how", stub: "."},

	{on: "task", name: "join", fn: (*engine).join, params: "t", stub: "join"},
	{on: "task", name: "cancel", fn: (*engine).cancelTask},
	{on: "task", name: "status", fn: (*engine).taskStatus},

	{on: "queue", name: "push", fn: (*engine).qpush, params: "v, t", stub: "."},
	{on: "queue", name: "pop", fn: (*engine).qpop, params: "t", stub: "."},
	{on: "queue", name: "close", fn: (*engine).qclose},
	{on: "queue", name: "len", fn: (*engine).qlen},

	{on: "P", name: "fwd", fn: (*engine).fwd},
	{on: "P", name: "nest", fn: (*engine).nest},
	{on: "P", name: "ioread", fn: (*engine).ioRead},
	{on: "P", name: "caught", fn: (*engine).caught},
	{on: "P", name: "arm", fn: (*engine).arm},
	{on: "P", name: "isgo", fn: func(_ *engine, L *lua.LState) int { return isGo(L) }},
	{on: "P", name: "coparked", fn: coParked},
	{on: "P", name: "yieldout", fn: func(_ *engine, L *lua.LState) int { raise(L, words.T("lua.yield_outside_call")); return 0 }},
}

// coParked returns the error of a resume of a coroutine parked in another
// task's blocking call (prelude.lua), or with true raises it at the
// script's line.
func coParked(_ *engine, L *lua.LState) int {
	msg := words.T("lua.co_parked")
	if L.ToBool(1) {
		raise(L, msg)
	}
	L.Push(lua.LString(msg))
	return 1
}

// methodsOf tells the kinds whose functions are methods (they take self).
var methodsOf = map[string]bool{"sock": true, "task": true, "queue": true}

// preludeStubs returns the Lua source of the blocking functions' stubs.
// The prelude's chunk receives P (primitives: "sock.recv", ... and the
// prelude's own "fwd", ...), T (the tables the API goes into, by kind) and
// the scheduler's yield marker.
func preludeStubs() string {
	var b strings.Builder
	b.WriteString("local P, T, MARK = ...\nlocal unpack = unpack\n")
	for _, f := range api {
		if f.stub == "" {
			continue
		}
		prim := "P_" + f.on + "_" + f.name
		params := f.params
		call := params
		if methodsOf[f.on] {
			params = "self, " + params
			call = "self, " + call
		}
		var body string
		switch f.stub {
		case "none":
			body = fmt.Sprintf("local a, b = %s(%s)", prim, call)
		case "join":
			body = fmt.Sprintf("local a, b = %s(%s) if a then return true, unpack(b, 1, b.n) end return a, b", prim, call)
		case "spread":
			body = fmt.Sprintf("local a, b = %s(%s) if a == nil then return a, b end return a, unpack(b)", prim, call)
		default:
			body = fmt.Sprintf("local a, b = %s(%s) if b == nil then return a end return a, b", prim, call)
		}
		fmt.Fprintf(&b, "local %s = P[%q]\n", prim, f.on+"."+f.name)
		fmt.Fprintf(&b, "T.%s.%s = function(%s) %s end\n", f.on, f.name, params, body)
	}
	return b.String()
}
