package luanet

import (
	"fmt"
	"math"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// Argument checks. Each raises a misuse error at the script's file:line in
// the style of luaL_argerror: "bad argument #2 to 'recv' (number expected,
// got string)". For methods, #1 is the first argument after self.

func argErr(L *lua.LState, n int, fname, msg string) {
	raise(L, fmt.Sprintf("bad argument #%d to '%s' (%s)", n, fname, msg))
}

func typeErr(L *lua.LState, n int, fname, want string, v lua.LValue) {
	argErr(L, n, fname, fmt.Sprintf("%s expected, got %s", want, typeName(v)))
}

func typeName(v lua.LValue) string {
	if v == nil {
		return "no value"
	}
	return v.Type().String()
}

// checkStr returns argument n as a string (numbers convert, as in Lua).
func checkStr(L *lua.LState, n int, show int, fname string) string {
	switch v := L.Get(n).(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return v.String()
	default:
		typeErr(L, show, fname, "string", v)
	}
	return ""
}

// optTimeout returns argument n as a network call's timeout in seconds,
// as netops takes it: nil (or absent) means none (0). A timeout of 0
// means "do not wait", as LuaSocket's settimeout(0) does: the call takes
// what is there already and otherwise fails with "timeout" after at most
// [noWait] (the kernel call itself needs a deadline that has not passed).
func optTimeout(L *lua.LState, n int, show int, fname string) time.Duration {
	v := L.Get(n)
	if v == lua.LNil {
		return 0
	}
	if num, ok := v.(lua.LNumber); ok && num == 0 {
		return noWait
	}
	return toDuration(L, v, show, fname, "timeout")
}

// noWait is the deadline a network call gets for a timeout of 0.
const noWait = time.Millisecond

// optWait returns argument n as the timeout of a wait the scheduler
// itself ends (join, push, pop, send's wait for room): nil (or absent)
// means none (-1), 0 means do not wait.
func optWait(L *lua.LState, n int, show int, fname string) time.Duration {
	v := L.Get(n)
	if v == lua.LNil {
		return -1
	}
	if num, ok := v.(lua.LNumber); ok && num == 0 {
		return 0
	}
	d := toDuration(L, v, show, fname, "timeout")
	if d == 0 { // over 1e9 s: for ever
		return -1
	}
	return d
}

func toDuration(L *lua.LState, v lua.LValue, show int, fname, what string) time.Duration {
	num, ok := v.(lua.LNumber)
	if !ok {
		typeErr(L, show, fname, what+" in seconds (number)", v)
	}
	f := float64(num)
	if math.IsNaN(f) || f < 0 {
		argErr(L, show, fname, words.T("lua.seconds_range", what, num))
	}
	if f > 1e9 { // about 31 years: for ever
		return 0
	}
	d := time.Duration(f * float64(time.Second))
	if d == 0 && f > 0 {
		d = 1 // a tiny timeout is not none
	}
	return d
}

// optSize returns argument n as a byte count in lo..limit, def when absent.
func optSize(L *lua.LState, n, show int, fname string, def, lo, limit int) int {
	v := L.Get(n)
	if v == lua.LNil {
		return def
	}
	num, ok := v.(lua.LNumber)
	if !ok {
		typeErr(L, show, fname, "number", v)
	}
	f := float64(num)
	if math.IsNaN(f) || f < float64(lo) || f > float64(limit) || f != math.Trunc(f) {
		argErr(L, show, fname, words.T("lua.size_range", lo, limit, num))
	}
	return int(f)
}

// optInt reads an integer field of an options table.
func optInt(L *lua.LState, v lua.LValue, fname, key string, lo, hi int) int {
	num, ok := v.(lua.LNumber)
	f := float64(num)
	if !ok || math.IsNaN(f) || f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		raise(L, fmt.Sprintf("bad option '%s' to '%s' (%s)", key, fname, words.T("lua.option_range", lo, hi, L.ToStringMeta(v).String())))
	}
	return int(f)
}

// options walks an options table (argument n, may be nil) and calls set
// for each key; unknown keys are misuse.
func options(L *lua.LState, n, show int, fname string, known []string, set func(key string, v lua.LValue)) {
	v := L.Get(n)
	if v == lua.LNil {
		return
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		typeErr(L, show, fname, "table of options", v)
	}
	t.ForEach(func(k, val lua.LValue) {
		ks, ok := k.(lua.LString)
		good := false
		for _, name := range known {
			good = good || (ok && string(ks) == name)
		}
		if !good {
			raise(L, fmt.Sprintf("bad option '%s' to '%s' (known options: %s)", L.ToStringMeta(k).String(), fname, strings.Join(known, ", ")))
		}
		set(string(ks), val)
	})
}
