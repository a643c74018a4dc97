package luanet

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strconv"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// sock is a netops socket as a script sees it. The fields other than w are
// touched only on the scheduler's goroutine.
type sock struct {
	ns     *netops.Socket
	obj    *lua.LTable
	owner  *task
	oidx   int // index in owner.socks
	closed bool
	w      wqueue
	limit  int       // bytes recvline, recvuntil, recvall and recvn may gather; 0: netops.DefaultLimit
	rwait  waiter    // a receive waiting on the poller (poll.go)
	pw     *pollWait // the state of such receives, made by the first

	// listener: a slot per client it may have at once (max_clients)
	slots chan struct{}
	tls   *tls.Config // listener: each accepted client's TLS, nil for none
	hs    *handshakes // listener with tls: its clients' handshakes (tlsaccept.go)
	// conn accepted from such a listener: the slot it holds
	slot     chan struct{}
	released bool
}

// maxRecv is the largest size a single recv may ask for.
const maxRecv = 16 << 20

// maxLimit bounds the {limit = N} option.
const maxLimit = 1 << 30

// recvLimit returns the most bytes a gathering receive on sk may return.
func (sk *sock) recvLimit() int {
	if sk.limit > 0 {
		return sk.limit
	}
	return netops.DefaultLimit
}

// adopt wraps sk as a Lua object {id = N} owned by task t.
func (e *engine) adopt(sk *sock, t *task) *lua.LTable {
	obj := e.L.CreateTable(1, 0) // (no string keys: gopher-lua makes two maps for the first; see sockIndex)
	ud := e.L.NewUserData()
	ud.Value = sk
	obj.RawSetInt(1, ud)
	obj.Metatable = e.sockMT
	sk.obj = obj
	sk.ns.SetBudget(e.budget)
	e.socks[sk] = struct{}{}
	e.own(sk, t)
	return obj
}

// made is the result of an operation that made socket sk: the loop wraps
// it into a Lua object owned by the waiting task, or closes it when no task
// waits any more.
func (e *engine) made(sk *sock) result {
	return result{
		then:    func(t *task) (lua.LValue, lua.LValue) { return e.adopt(sk, t), lua.LNil },
		abandon: func() { sk.release(); sk.ns.Close() },
	}
}

// own makes t the task whose failure closes sk.
func (e *engine) own(sk *sock, t *task) {
	disown(sk)
	sk.owner = t
	if t != nil {
		sk.oidx = len(t.socks)
		t.socks = append(t.socks, sk)
	}
}

// disown removes sk from its owner's list (a swap with the last one; a
// slice and an index cost less per connection than a map).
func disown(sk *sock) {
	t := sk.owner
	if t == nil {
		return
	}
	last := len(t.socks) - 1
	if i := sk.oidx; i <= last && t.socks[i] == sk {
		t.socks[i] = t.socks[last]
		t.socks[i].oidx = i
		t.socks[last] = nil
		t.socks = t.socks[:last]
	}
	sk.owner = nil
}

func (e *engine) closeTaskSocks(t *task) {
	for _, sk := range append([]*sock(nil), t.socks...) {
		e.closeSock(sk)
	}
}

// closeSock closes sk for the script: queued data still goes out first.
func (e *engine) closeSock(sk *sock) {
	if sk.closed {
		return
	}
	sk.closed = true
	delete(e.socks, sk)
	disown(sk)
	if sk.rwait.t != nil { // a receive waiting on the poller would never hear of the close
		e.s.wake(sk.rwait, result{a: lua.LNil, b: lua.LString("closed")})
		sk.rwait = waiter{}
	}
	sk.release()
	if !sk.closeAfterFlush(e) {
		sk.ns.Close()
	}
}

// forceClose closes at once (the script ended or was stopped).
func (sk *sock) forceClose() {
	sk.closed = true
	sk.release()
	sk.ns.Close()
}

func (sk *sock) release() {
	if sk.slot != nil && !sk.released {
		sk.released = true
		select {
		case <-sk.slot:
		default:
		}
	}
}

// sockIndex is the socket objects' __index: their methods, and c.id. A
// socket object is a table holding its sock in slot 1 and no string key:
// a gopher-lua table's first string key costs two maps and a slice (about
// 600 bytes, an eighth of an idle connection), a function here about
// 140 ns per method call.
func (e *engine) sockIndex(L *lua.LState) int {
	key, _ := L.Get(2).(lua.LString)
	v := e.methods.RawGetString(string(key))
	if v == lua.LNil && key == "id" {
		if sk := toSock(L, 1); sk != nil {
			v = lua.LNumber(sk.ns.ID)
		}
	}
	L.Push(v)
	return 1
}

// toSock returns the socket object at argument n, or nil.
func toSock(L *lua.LState, n int) *sock {
	t, ok := L.Get(n).(*lua.LTable)
	if !ok {
		return nil
	}
	ud, ok := t.RawGetInt(1).(*lua.LUserData)
	if !ok {
		return nil
	}
	sk, _ := ud.Value.(*sock)
	return sk
}

// checkSock returns self for method fname, raising on misuse. The task
// that calls a method on a socket becomes its owner: if that task fails,
// the socket is closed (so a failed handler's client is not left hanging).
func (e *engine) checkSock(L *lua.LState, fname string) *sock {
	sk := toSock(L, 1)
	if sk == nil {
		raise(L, fmt.Sprintf("bad self to '%s' (socket expected, got %s): call it as sock:%s(...)",
			fname, typeName(L.Get(1)), fname))
	}
	if !sk.closed {
		if t := e.s.taskOf(L); t != nil && t != sk.owner {
			e.own(sk, t)
		}
	}
	return sk
}

// checkKind raises unless sk is one of kinds.
func checkKind(L *lua.LState, sk *sock, fname string, kinds ...netops.Kind) {
	for _, k := range kinds {
		if sk.ns.Kind == k {
			return
		}
	}
	what := map[netops.Kind]string{netops.KindListener: words.T("lua.kind_listener"),
		netops.KindConn: words.T("lua.kind_conn"), netops.KindPacket: words.T("lua.kind_udp"),
		netops.KindStep: words.T("lua.kind_step")}
	raise(L, words.T("lua.wrong_kind", fname, sk.ns.ID, what[sk.ns.Kind]))
}

// fail pushes nil, reason and returns 2: an expected network failure.
// fail returns nil and reason, escaped as the shell escapes errors: a
// reason may quote what the script passed (an address with a NUL or ESC).
func fail(L *lua.LState, reason string) int {
	L.Push(lua.LNil)
	L.Push(lua.LString(say.Inert(reason)))
	return 2
}

func failErr(err error) result {
	if err == io.EOF {
		return result{a: lua.LNil, b: lua.LString("closed")}
	}
	return result{a: lua.LNil, b: lua.LString(say.Inert(netops.Reason(err)))}
}

func ok2(L *lua.LState, v lua.LValue) int {
	L.Push(v)
	L.Push(lua.LNil)
	return 2
}

// c:close() -> true. Never blocks; queued data still goes out.
func (e *engine) mClose(L *lua.LState) int {
	sk := e.checkSock(L, "close")
	e.closeSock(sk)
	L.Push(lua.LTrue)
	return 1
}

// c:localaddr() -> ip, port
func (e *engine) mLocal(L *lua.LState) int {
	sk := e.checkSock(L, "localaddr")
	return pushAddr(L, sk.ns.LocalAddr())
}

// c:remoteaddr() -> ip, port (nil when there is no peer)
func (e *engine) mRemote(L *lua.LState) int {
	sk := e.checkSock(L, "remoteaddr")
	return pushAddr(L, sk.ns.RemoteAddr())
}

func pushAddr(L *lua.LState, a string) int {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LNil)
		return 2
	}
	p, _ := strconv.Atoi(port)
	L.Push(lua.LString(host))
	L.Push(lua.LNumber(p))
	return 2
}

// c:state() -> the kernel's TCP state name, or nil where unknown.
func (e *engine) mState(L *lua.LState) int {
	sk := e.checkSock(L, "state")
	if sk.closed {
		L.Push(lua.LString("CLOSED"))
		return 1
	}
	st := sk.ns.State()
	if st == "" {
		L.Push(lua.LNil)
	} else {
		L.Push(lua.LString(st))
	}
	return 1
}

func (e *engine) mString(L *lua.LState) int {
	sk := toSock(L, 1)
	if sk == nil {
		L.Push(lua.LString("socket"))
		return 1
	}
	inf := sk.ns.Info()
	s := fmt.Sprintf("[%d] %s %s %s", inf.ID, inf.Proto, inf.Kind, inf.Local)
	if inf.Remote != "" {
		s += " <-> " + inf.Remote
	}
	L.Push(lua.LString(s))
	return 1
}
