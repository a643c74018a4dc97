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

// checkWhole returns v as a whole number from lo to hi. Otherwise it calls
// bad, which raises, with what is wrong: Lua's own "number expected, got
// string" when v is not a number (a string of digits too: quoted as a
// number it would read as the right value), or else the message rangeMsg
// makes of the number as given. The result is an int when hi is one.
func checkWhole(v lua.LValue, lo, hi float64, bad func(msg string), rangeMsg func(got lua.LNumber) string) float64 {
	num, ok := v.(lua.LNumber)
	if !ok {
		bad(fmt.Sprintf("number expected, got %s", typeName(v)))
		return 0
	}
	f := float64(num)
	if math.IsNaN(f) || f != math.Trunc(f) || f < lo || f > hi {
		bad(rangeMsg(num))
	}
	return f
}

// checkWholeArg is checkWhole for argument n (#show in the message).
func checkWholeArg(L *lua.LState, n, show int, fname string, lo, hi float64, rangeMsg func(got lua.LNumber) string) float64 {
	return checkWhole(L.Get(n), lo, hi, func(msg string) { argErr(L, show, fname, msg) }, rangeMsg)
}

// optSize returns argument n as a byte count in lo..limit, def when absent.
func optSize(L *lua.LState, n, show int, fname string, def, lo, limit int) int {
	if L.Get(n) == lua.LNil {
		return def
	}
	return int(checkWholeArg(L, n, show, fname, float64(lo), float64(limit), func(got lua.LNumber) string {
		return words.T("lua.size_range", lo, limit, got)
	}))
}

// optInt reads an integer field of an options table.
func optInt(L *lua.LState, v lua.LValue, fname, key string, lo, hi int) int {
	return int(checkWhole(v, float64(lo), float64(hi), func(msg string) {
		raise(L, fmt.Sprintf("bad option '%s' to '%s' (%s)", key, fname, msg))
	}, func(got lua.LNumber) string {
		return words.T("lua.option_range", lo, hi, got.String())
	}))
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
