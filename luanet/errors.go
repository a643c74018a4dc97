package luanet

// This file is how a script's errors reach the person: the error types of
// the main chunk and of spawned functions, the traceback, and the report
// of a spawned function's error (to Options.OnError, else Options.Stderr).

import (
	"errors"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// ScriptError is the error of a script's main chunk: the Lua message (which
// starts with file:line) and the traceback where it was raised.
type ScriptError struct {
	Msg       string
	Traceback string
}

func (e *ScriptError) Error() string { return e.Msg }

// Where returns the traceback indented for printing under the error line
// (as a spawned handler's error shows it), or "".
func (e *ScriptError) Where() string {
	if e.Traceback == "" {
		return ""
	}
	return indent(e.Traceback)
}

// ExitError reports a script that called os.exit with a non-zero code.
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return words.T("lua.exit", e.Code) }

func loadError(err error) error {
	var ae *lua.ApiError
	if errors.As(err, &ae) && ae.Object != nil {
		return errors.New(strings.TrimSpace(ae.Object.String()))
	}
	return err
}

func asExit(err error) (*ExitError, bool) {
	var ae *lua.ApiError
	if errors.As(err, &ae) {
		if ud, ok := ae.Object.(*lua.LUserData); ok {
			if ex, ok := ud.Value.(*ExitError); ok {
				return ex, true
			}
		}
	}
	return nil, false
}

// arm installs the traceback hook on the task's coroutine (Resume resets
// Panic to one without a traceback, and a coroutine's error would keep only
// its message).
func (e *engine) arm(L *lua.LState) int {
	t := e.s.taskOf(L)
	prev := L.Panic
	L.Panic = func(L *lua.LState) {
		if t != nil {
			t.tb = traceback(L)
		}
		prev(L)
	}
	return 0
}

func traceback(L *lua.LState) string {
	var b strings.Builder
	b.WriteString("stack traceback:")
	for level := 0; ; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			break
		}
		if _, err := L.GetInfo("Sln", dbg, lua.LNil); err != nil {
			break
		}
		// A frame reached by a tail call stands where its caller's was: as
		// lua 5.1 does, a "(tail call)" line marks the frames Lua dropped.
		tail := "\n\t(tail call): ?"
		if dbg.What != "tail" {
			tail = ""
		}
		if dbg.What == "G" || dbg.Source == preludeName {
			b.WriteString(tail)
			continue
		}
		name := dbg.Name
		if up, ok := L.GetStack(level + 1); ok {
			if _, err := L.GetInfo("S", up, lua.LNil); err == nil && up.Source == preludeName {
				name = "" // called by the task trampoline: the spawned function
			}
		}
		if name == "" {
			name = fmt.Sprintf("function <%s:%d>", dbg.Source, dbg.LineDefined)
		} else {
			name = "function '" + name + "'"
		}
		if dbg.LineDefined == 0 { // a chunk (the trampoline calls it: What is not "main")
			name = "main chunk"
		}
		fmt.Fprintf(&b, "\n\t%s:%d: in %s%s", dbg.Source, dbg.CurrentLine, name, tail)
	}
	if !strings.Contains(b.String(), "\n") {
		return "" // no frame of the script's own: no heading without lines
	}
	return b.String()
}

// taskFailed reports the error of a spawned task, which ends with the
// sockets it was using; the others go on.
func (e *engine) taskFailed(t *task, msg string) {
	err := &TaskError{Msg: msg, Task: t.id, Name: t.name, Traceback: t.tb}
	if e.o.OnError != nil {
		e.o.OnError(err)
	} else {
		e.stderr.Write([]byte(words.T("label.error") + " " + err.Error() + "\n" + err.Where()))
	}
	e.closeTaskSocks(t)
}

// TaskError is the error of a spawned function: it ended that function
// (and closed its sockets); the script's other functions go on. The
// embedder receives it through Options.OnError.
type TaskError struct {
	Msg       string // the Lua message, starting with file:line
	Task      int    // the task's number
	Name      string // what the task runs: "spawned at echo.lua:12"
	Traceback string // where it was raised
}

// Error returns the message, the task, and that the others go on.
func (e *TaskError) Error() string { return words.T("lua.task_failed", e.Msg, e.Task, e.Name) }

// Where returns the traceback indented for printing under the error line,
// or "".
func (e *TaskError) Where() string {
	if e.Traceback == "" {
		return ""
	}
	return indent(e.Traceback)
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	return "  " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}

// errText returns a Lua error's message without gopher-lua's own traceback.
// A raised value with a __tostring metamethod reads as what that returns,
// as lua (5.2 and later) prints it; L runs the metamethod.
func errText(L *lua.LState, err error) string {
	if ae, ok := err.(*lua.ApiError); ok {
		if ex, ok := ae.Object.(*lua.LUserData); ok {
			if e, ok := ex.Value.(*ExitError); ok {
				return e.Error()
			}
		}
		if ae.Object != nil {
			if str, ok := ae.Object.(lua.LString); ok {
				return string(str)
			}
			if str, ok := metaString(L, ae.Object); ok {
				return str
			}
			return ae.Object.String()
		}
	}
	return err.Error()
}

// metaString returns what v's __tostring metamethod makes of it, if v has
// one and it returns a string. It runs protected: an error in it (or a
// blocking call, which cannot wait there) leaves v's plain text.
func metaString(L *lua.LState, v lua.LValue) (string, bool) {
	fn := L.GetMetaField(v, "__tostring")
	if fn == lua.LNil {
		return "", false
	}
	top := L.GetTop()
	defer L.SetTop(top)
	L.Push(fn)
	L.Push(v)
	if L.PCall(1, 1, nil) != nil {
		return "", false
	}
	s, ok := L.Get(-1).(lua.LString)
	return string(s), ok
}

// where returns "file:line:" of the innermost frame of the script's own
// code (not a Go function, not the prelude), looking into the coroutines
// that resumed L when L has none (pcall(c.recv, c) runs the method alone
// in a coroutine).
//
// A blocking call made in a tail call (return c:recv(n)) leaves no frame
// of the function that made it: gopher-lua reuses that frame for the
// call's stub (prelude.lua), a Lua function, and keeps neither the
// function nor its line. The position is then that of the call below, the
// one that called that function, as in the traceback's "(tail call)"; when
// that was the task's start, the spawn's.
func where(L *lua.LState) string {
	for th, n := L, 0; th != nil && n < 256; th, n = th.Parent, n+1 {
		if w := whereIn(th); w != "" {
			return w
		}
	}
	for th, n := L, 0; th != nil && n < 256; th, n = th.Parent, n+1 {
		if w := spawnedAt(th); w != "" {
			return w
		}
	}
	return ""
}

// spawnedAt returns the "file:line:" of the spawn that started the task
// th runs: the first parameter of the task trampoline (prelude.lua), th's
// bottom frame; "" for the main chunk, or when th is not a task.
func spawnedAt(th *lua.LState) string {
	var bottom *lua.Debug
	for level := 0; level < 64; level++ {
		dbg, ok := th.GetStack(level)
		if !ok {
			break
		}
		bottom = dbg
	}
	if bottom == nil {
		return ""
	}
	if _, err := th.GetInfo("S", bottom, lua.LNil); err != nil || bottom.Source != preludeName {
		return ""
	}
	if name, v := th.GetLocal(bottom, 1); name == "at" {
		if s, ok := v.(lua.LString); ok {
			return string(s)
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

// caught(co, err [, wrapped]) returns the error value that a pcall, an
// xpcall or a coroutine.resume hands the script for the error err of
// coroutine co:
//   - os.exit's is no error to catch: it is raised again, so that it ends
//     the script through every pcall, as os.exit says (and as in Lua,
//     where it ends the process);
//   - gopher-lua's position-less "lua callstack overflow" gets the
//     position of the innermost script frame left on co;
//   - with wrapped (a pcall of a Go function, which the prelude calls from
//     a Lua function of its own), a position that function gave the
//     message is the prelude's, not the script's, and goes: pcall(error,
//     "msg") gives "msg", as Lua's own pcall does.
func (e *engine) caught(L *lua.LState) int {
	msg := L.Get(2)
	if ud, ok := msg.(*lua.LUserData); ok {
		if _, ok := ud.Value.(*ExitError); ok {
			L.Error(ud, 0)
		}
	}
	if s, ok := msg.(lua.LString); ok && string(s) == callstackOverflow {
		if co, ok := L.Get(1).(*lua.LState); ok {
			msg = lua.LString(overflowText(co))
		}
	}
	if s, ok := msg.(lua.LString); ok && lua.LVAsBool(L.Get(3)) {
		msg = lua.LString(withoutPreludePosition(string(s)))
	}
	L.Push(msg)
	return 1
}

// withoutPreludePosition drops a leading "luanet prelude:LINE: " from msg.
func withoutPreludePosition(msg string) string {
	rest, ok := strings.CutPrefix(msg, preludeName+":")
	if !ok {
		return msg
	}
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	if after, ok := strings.CutPrefix(rest[digits:], ": "); ok && digits > 0 {
		return after
	}
	return msg
}
