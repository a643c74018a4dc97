package luanet

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// Two ways a script could nest calls past any bound.
//
// Every pcall, xpcall and coroutine.resume of a script runs a coroutine
// from a Go call (see prelude.lua), and each coroutine has a call stack of
// its own: a recursive pcall nested coroutines, and Go frames, until the
// process ran out of memory. maxNest bounds that nesting, as Lua 5.1's
// LUAI_MAXCCALLS (200) bounds nested C calls; past it the call raises
// "stack overflow" at the script's file:line, which a pcall further out
// catches.
//
// A plain recursion that fills a coroutine's call stack makes gopher-lua
// panic with "lua callstack overflow", a message with no position (its
// growing call stack never reports itself full). overflowText gives it
// the position of the frame that made the last call.

// maxNest is how many coroutines a task may nest.
const maxNest = 200

// callstackOverflow is gopher-lua's message for a full call stack.
const callstackOverflow = "lua callstack overflow"

// nest is called by pcall and coroutine.resume before they resume a
// coroutine: it raises "stack overflow" once maxNest coroutines nest.
func (e *engine) nest(L *lua.LState) int {
	depth := 0
	t := e.s.taskOf(L)
	for th := L; th != nil && (t == nil || th != t.th); th = th.Parent {
		depth++
		if depth >= maxNest {
			raise(L, words.T("lua.stack_overflow", maxNest))
		}
	}
	return 0
}

// overflowText is the "stack overflow" error of a thread whose call stack
// overflowed: its frames are still there (gopher-lua pops only the last).
func overflowText(th *lua.LState) string {
	msg := words.T("lua.callstack_overflow", lua.CallStackSize)
	if w := whereIn(th); w != "" {
		return w + " " + msg
	}
	return msg
}

// taskErrText is errText for a task's own error, positioned when it is the
// call stack overflow.
func taskErrText(L *lua.LState, t *task, err error) string {
	msg := errText(L, err)
	if strings.TrimSpace(msg) == callstackOverflow {
		return overflowText(t.th)
	}
	return msg
}
