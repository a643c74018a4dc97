package luanet

import (
	"context"
	"errors"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// The step-by-step socket API of the teaching layer, mirroring Python's
// socket module over netops' step sockets:
//
//	local s = net.socket("tcp")   -- socket(2)
//	assert(s:bind("127.0.0.1:0")) -- bind(2)
//	assert(s:listen(5))           -- listen(2): s is now a listener
//	local c = s:accept()
//
//	local k = net.socket("tcp")
//	assert(k:connect(addr))       -- connect(2), yields: k is now a connection
//
// Each call is one real system call. A failure returns nil and the
// kernel's answer with its errno name ("address already in use
// (EADDRINUSE)"); misuse raises at the script's file:line. After listen,
// connect or (UDP) bind the Lua object keeps its id but drives the
// listener or connection netops made of it.

// net.socket("tcp"|"udp") -> an unbound socket.
func (e *engine) socket(L *lua.LState) int {
	proto := checkStr(L, 1, 1, "socket")
	if _, err := netops.ParseProto(proto); err != nil {
		argErr(L, 1, "socket", say.Error(err))
	}
	ns, err := e.table.Socket(proto, e.owner)
	if err != nil {
		return fail(L, stepErr(err))
	}
	return ok2(L, e.adopt(&sock{ns: ns}, e.s.taskOf(L)))
}

// s:bind(addr) -> s
func (e *engine) mBind(L *lua.LState) int {
	sk := e.checkSock(L, "bind")
	addr := checkStr(L, 2, 1, "bind")
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 1, "bind", say.Error(err))
	}
	if sk.closed {
		return fail(L, "closed")
	}
	ns, err := sk.ns.Bind(addr)
	if err != nil {
		return fail(L, stepErr(err))
	}
	sk.ns = ns
	return ok2(L, sk.obj)
}

// s:listen([backlog]) -> s, now a listener (0 or none: the system's default).
func (e *engine) mListen(L *lua.LState) int {
	sk := e.checkSock(L, "listen")
	backlog := 0
	if v := L.Get(2); v != lua.LNil {
		backlog = int(checkWholeArg(L, 2, 1, "listen", 0, 1<<16, func(got lua.LNumber) string {
			return words.T("lua.backlog_range", 1<<16, got.String())
		}))
	}
	if sk.closed {
		return fail(L, "closed")
	}
	ns, err := sk.ns.Listen(backlog)
	if err != nil {
		return fail(L, stepErr(err))
	}
	sk.ns = ns
	return ok2(L, sk.obj)
}

// s:connect(addr [, timeout]) -> s, now a connection. It yields while the
// handshake runs.
func (e *engine) sconnect(L *lua.LState) int {
	sk := e.checkSock(L, "connect")
	addr := checkStr(L, 2, 1, "connect")
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 1, "connect", say.Error(err))
	}
	timeout := optTimeout(L, 3, 2, "connect")
	if sk.closed {
		return fail(L, "closed")
	}
	old := sk.ns
	return e.s.park(L, "connect", func(ctx context.Context) result {
		ns, err := old.Connect(ctx, addr, timeout)
		if err != nil {
			return result{a: lua.LNil, b: lua.LString(say.Inert(stepErr(err)))}
		}
		return result{then: func(*task) (lua.LValue, lua.LValue) {
			sk.ns = ns
			return sk.obj, lua.LNil
		}, abandon: func() { ns.Close() }}
	})
}

// stepErr is the text a failed step call returns: the kernel's answer with
// its errno name, "connection refused (ECONNREFUSED)", or netops' short
// reason ("timeout", "closed", ...) when no errno is involved.
func stepErr(err error) string {
	var se *netops.SysError
	if errors.As(err, &se) {
		return se.Error()
	}
	r := netops.Reason(err)
	if n := netops.Errno(err); n != "" {
		r += " (" + n + ")"
	}
	return r
}
