package luanet

import (
	"context"
	"errors"
	"math"
	"net"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// Socket options and name resolution:
//
//	c:setoption("nodelay", true)   -- true; the value as the kernel reports it
//	c:getoption("rcvbuf")          -- 131072
//	net.resolve("localhost")       -- {"127.0.0.1", "::1"}
//
// The option names are the shell's (`option ID`): reuseaddr, reuseport,
// nodelay, keepalive, linger, rcvbuf, sndbuf. Switches read as booleans,
// linger as false or seconds, the buffers as byte counts.

// optionName returns the canonical option name at argument 2, raising on
// an unknown one.
func optionName(L *lua.LState, fname string) string {
	name := checkStr(L, 2, 1, fname)
	n := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(name), "so_"), "tcp_")
	for _, known := range netops.OptionNames {
		if n == known {
			return n
		}
	}
	argErr(L, 1, fname, say.Input(&netops.InputError{What: "option", Value: name, Want: "option"}))
	return ""
}

// optionValue is an option's value as Lua sees it.
func optionValue(v string) lua.LValue {
	switch v {
	case "on":
		return lua.LTrue
	case "off":
		return lua.LFalse
	}
	if n, err := strconv.Atoi(v); err == nil {
		return lua.LNumber(n)
	}
	return lua.LString(v)
}

// c:setoption(name, value) -> the value now in force | nil, err
func (e *engine) mSetOption(L *lua.LState) int {
	sk := e.checkSock(L, "setoption")
	name := optionName(L, "setoption")
	var val string
	switch v := L.Get(3).(type) {
	case lua.LBool:
		if name == "rcvbuf" || name == "sndbuf" || (name == "linger" && v) {
			optionKindErr(L, name, v)
		}
		val = "off"
		if v {
			val = "on"
		}
	case lua.LNumber:
		if f := float64(v); math.IsNaN(f) || f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
			argErr(L, 2, "setoption", words.T("lua.option_number", v.String()))
		}
		if isSwitch(name) && v != 0 && v != 1 {
			optionKindErr(L, name, v)
		}
		val = strconv.Itoa(int(v))
	case lua.LString:
		val = string(v)
	default:
		typeErr(L, 2, "setoption", "boolean or number", L.Get(3))
	}
	if sk.closed {
		return fail(L, "closed")
	}
	got, err := sk.ns.SetOption(name, val)
	if err != nil {
		var se *netops.SysError
		var oe *netops.OpError
		if !errors.As(err, &se) && errors.As(err, &oe) {
			argErr(L, 2, "setoption", say.Error(oe.Err))
		}
		return fail(L, stepErr(err))
	}
	L.Push(optionValue(got))
	return 1
}

// isSwitch reports whether option name is on or off.
func isSwitch(name string) bool {
	return name != "rcvbuf" && name != "sndbuf" && name != "linger"
}

// optionKindErr raises on value v of the wrong kind for option name, in
// the words of Lua values (the shell's "on" is not what the script wrote).
func optionKindErr(L *lua.LState, name string, v lua.LValue) {
	key := "lua.option_bool"
	switch name {
	case "rcvbuf", "sndbuf":
		key = "lua.option_bytes"
	case "linger":
		key = "lua.option_linger"
	}
	argErr(L, 2, "setoption", words.T(key, name, v.String()))
}

// c:getoption(name) -> the value | nil, err
func (e *engine) mGetOption(L *lua.LState) int {
	sk := e.checkSock(L, "getoption")
	name := optionName(L, "getoption")
	if sk.closed {
		return fail(L, "closed")
	}
	got, err := sk.ns.Option(name)
	if err != nil {
		return fail(L, stepErr(err))
	}
	L.Push(optionValue(got))
	return 1
}

// net.resolve(host) -> {address, ...} | nil, err. A literal address needs
// no lookup; a name is looked up in the hosts file and DNS without holding
// up other tasks.
func (e *engine) resolve(L *lua.LState) int {
	host := checkStr(L, 1, 1, "resolve")
	if host == "" || strings.ContainsAny(host, " \t\r\n/") {
		argErr(L, 1, "resolve", say.Input(&netops.InputError{What: "host", Value: host, Want: "name"}))
	}
	return e.s.park(L, "resolve", func(ctx context.Context) result {
		addrs, err := netops.Resolve(ctx, host)
		if err != nil {
			var de *net.DNSError
			if errors.As(err, &de) && de.IsNotFound {
				return result{a: lua.LNil, b: lua.LString("not found")}
			}
			return failErr(err)
		}
		return result{then: func(*task) (lua.LValue, lua.LValue) {
			t := e.L.CreateTable(len(addrs), 0)
			for _, a := range addrs {
				t.Append(lua.LString(a))
			}
			return t, lua.LNil
		}}
	})
}
