package luanet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"syscall"
	"time"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
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

	// listener: a slot per client it may have at once (max_clients)
	slots chan struct{}
	// conn accepted from such a listener: the slot it holds
	slot     chan struct{}
	released bool
}

// maxRecv is the largest size a single recv may ask for.
const maxRecv = 16 << 20

// adopt wraps sk as a Lua object {id = N} owned by task t.
func (e *engine) adopt(sk *sock, t *task) *lua.LTable {
	obj := e.L.CreateTable(0, 2)
	obj.RawSetString("id", lua.LNumber(sk.ns.ID))
	ud := e.L.NewUserData()
	ud.Value = sk
	obj.RawSetString("_sock", ud)
	obj.Metatable = e.sockMT
	sk.obj = obj
	e.socks[sk] = struct{}{}
	e.own(sk, t)
	return obj
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

// toSock returns the socket object at argument n, or nil.
func toSock(L *lua.LState, n int) *sock {
	t, ok := L.Get(n).(*lua.LTable)
	if !ok {
		return nil
	}
	ud, ok := t.RawGetString("_sock").(*lua.LUserData)
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
	what := map[netops.Kind]string{netops.KindListener: "a listener (accept)",
		netops.KindConn: "a TCP connection", netops.KindPacket: "a UDP socket",
		netops.KindStep: "a socket not yet listening or connected (call listen or connect first)"}
	raise(L, fmt.Sprintf("'%s' does not work on [%d], which is %s", fname, sk.ns.ID, what[sk.ns.Kind]))
}

// fail pushes nil, reason and returns 2: an expected network failure.
func fail(L *lua.LState, reason string) int {
	L.Push(lua.LNil)
	L.Push(lua.LString(reason))
	return 2
}

func failErr(err error) result {
	if err == io.EOF {
		return result{a: lua.LNil, b: lua.LString("closed")}
	}
	return result{a: lua.LNil, b: lua.LString(netops.Reason(err))}
}

func ok2(L *lua.LState, v lua.LValue) int {
	L.Push(v)
	L.Push(lua.LNil)
	return 2
}

// net.listen(proto, addr [, {backlog=N, max_clients=N}])
func (e *engine) listen(L *lua.LState) int {
	proto := checkStr(L, 1, 1, "listen")
	addr := checkStr(L, 2, 2, "listen")
	if _, err := netops.ParseProto(proto); err != nil {
		argErr(L, 1, "listen", err.Error())
	}
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 2, "listen", err.Error())
	}
	var backlog, maxc int
	options(L, 3, 3, "listen", []string{"backlog", "max_clients"}, func(k string, v lua.LValue) {
		switch k {
		case "backlog":
			backlog = optInt(L, v, "listen", k, 1, 1<<16)
		case "max_clients":
			maxc = optInt(L, v, "listen", k, 1, 1<<24)
		}
	})
	ns, err := e.table.Listen(e.ctx, proto, addr, netops.ListenOptions{Backlog: backlog, Owner: e.owner})
	if err != nil {
		return fail(L, netops.Reason(err))
	}
	sk := &sock{ns: ns}
	if maxc > 0 {
		sk.slots = make(chan struct{}, maxc)
	}
	return ok2(L, e.adopt(sk, e.s.taskOf(L)))
}

// net.udp([addr]): a UDP socket bound to addr (":0" when absent).
func (e *engine) udp(L *lua.LState) int {
	addr := ":0"
	if L.Get(1) != lua.LNil {
		addr = checkStr(L, 1, 1, "udp")
	}
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 1, "udp", err.Error())
	}
	ns, err := e.table.Listen(e.ctx, "udp", addr, netops.ListenOptions{Owner: e.owner})
	if err != nil {
		return fail(L, netops.Reason(err))
	}
	return ok2(L, e.adopt(&sock{ns: ns}, e.s.taskOf(L)))
}

// net.connect(addr [, {proto, timeout, retry, tries, local}])
func (e *engine) connect(L *lua.LState) int {
	addr := checkStr(L, 1, 1, "connect")
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 1, "connect", err.Error())
	}
	proto := "tcp"
	o := netops.DialOptions{Owner: e.owner}
	options(L, 2, 2, "connect", []string{"proto", "timeout", "retry", "tries", "local"}, func(k string, v lua.LValue) {
		switch k {
		case "proto":
			s, ok := v.(lua.LString)
			if _, err := netops.ParseProto(string(s)); !ok || err != nil {
				raise(L, fmt.Sprintf("bad option 'proto' to 'connect' (\"tcp\" or \"udp\" expected, got %s)", L.ToStringMeta(v).String()))
			}
			proto = string(s)
		case "timeout":
			o.Timeout = toDuration(L, v, 2, "connect", "timeout")
		case "retry":
			o.Retry = toDuration(L, v, 2, "connect", "retry")
		case "tries":
			o.Tries = optInt(L, v, "connect", k, 0, 1<<30)
		case "local":
			s, ok := v.(lua.LString)
			if _, err := netops.ParseAddr(string(s)); !ok || err != nil {
				raise(L, "bad option 'local' to 'connect' (HOST:PORT expected)")
			}
			o.Local = string(s)
		}
	})
	return e.s.park(L, "connect", func(ctx context.Context) result {
		ns, err := e.table.Connect(ctx, proto, addr, o)
		if err != nil {
			return failErr(err)
		}
		return result{sock: &sock{ns: ns}}
	})
}

// l:accept([timeout])
func (e *engine) accept(L *lua.LState) int {
	sk := e.checkSock(L, "accept")
	timeout := optTimeout(L, 2, 1, "accept")
	checkKind(L, sk, "accept", netops.KindListener)
	if sk.closed {
		return fail(L, "closed")
	}
	return e.s.park(L, "accept", func(ctx context.Context) result {
		return e.acceptOp(ctx, sk, timeout)
	})
}

// acceptOp waits for a free client slot (max_clients) and a client. It
// rides out errors such as EMFILE (out of descriptors) with a back-off, as
// net/http's Server does, instead of failing or spinning.
func (e *engine) acceptOp(ctx context.Context, sk *sock, timeout time.Duration) result {
	var dl time.Time
	if timeout > 0 {
		dl = time.Now().Add(timeout)
	}
	left := func() (time.Duration, bool) {
		if dl.IsZero() {
			return 0, true
		}
		d := time.Until(dl)
		return d, d > 0
	}
	if sk.slots != nil {
		select {
		case sk.slots <- struct{}{}:
		default:
			fmt.Fprintf(e.stderr, "[%d] max_clients (%d) reached: new clients wait in the backlog until one leaves\n",
				sk.ns.ID, cap(sk.slots))
			var tc <-chan time.Time
			if d, _ := left(); d > 0 {
				t := time.NewTimer(d)
				defer t.Stop()
				tc = t.C
			}
			select {
			case sk.slots <- struct{}{}:
			case <-ctx.Done():
				return failErr(ctx.Err())
			case <-tc:
				return failErr(netops.ErrTimeout)
			}
		}
	}
	var backoff time.Duration
	for {
		d, ok := left()
		if !ok {
			e.releaseSlot(sk.slots)
			return failErr(netops.ErrTimeout)
		}
		ns, err := sk.ns.Accept(ctx, d)
		if err == nil {
			return result{sock: &sock{ns: ns, slot: sk.slots}}
		}
		if !temporary(err) || ctx.Err() != nil {
			e.releaseSlot(sk.slots)
			return failErr(err)
		}
		if backoff == 0 {
			backoff = 5 * time.Millisecond
		} else if backoff *= 2; backoff > time.Second {
			backoff = time.Second
		}
		fmt.Fprintf(e.stderr, "[%d] accept: %v; retrying in %v\n", sk.ns.ID, err, backoff)
		t := time.NewTimer(backoff)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			e.releaseSlot(sk.slots)
			return failErr(ctx.Err())
		}
	}
}

func (e *engine) releaseSlot(slots chan struct{}) {
	if slots != nil {
		select {
		case <-slots:
		default:
		}
	}
}

// temporary reports an accept error worth waiting out.
func temporary(err error) bool {
	for _, t := range []error{syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM, syscall.ECONNABORTED} {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

// c:send(data) -> n: all bytes, one write; queued (see writer.go) on TCP.
func (e *engine) send(L *lua.LState) int {
	sk := e.checkSock(L, "send")
	data := checkStr(L, 2, 1, "send")
	return e.doSend(L, sk, data, "send")
}

// c:sendline(s) sends s.."\n".
func (e *engine) sendline(L *lua.LState) int {
	sk := e.checkSock(L, "sendline")
	data := checkStr(L, 2, 1, "sendline")
	return e.doSend(L, sk, data+"\n", "sendline")
}

func (e *engine) doSend(L *lua.LState, sk *sock, data, fname string) int {
	checkKind(L, sk, fname, netops.KindConn, netops.KindPacket)
	if sk.closed {
		return fail(L, "closed")
	}
	n := lua.LNumber(len(data))
	if sk.ns.Kind == netops.KindPacket {
		return e.s.park(L, fname, func(ctx context.Context) result {
			m, err := sk.ns.Send(ctx, []byte(data), 0)
			if err != nil {
				return failErr(err)
			}
			return result{a: lua.LNumber(m)}
		})
	}
	wait, err := sk.enqueue(e, data)
	if err != nil {
		return fail(L, netops.Reason(err))
	}
	if wait == nil {
		return ok2(L, n)
	}
	return e.s.park(L, fname, func(ctx context.Context) result {
		if err := waitIdle(ctx, wait); err != nil {
			return failErr(err)
		}
		sk.w.mu.Lock()
		werr := sk.w.err
		sk.w.mu.Unlock()
		if werr != nil {
			return failErr(werr)
		}
		return result{a: n}
	})
}

// c:recv([max=4096 [, timeout]]): what is buffered, or one read.
func (e *engine) recv(L *lua.LState) int {
	sk := e.checkSock(L, "recv")
	max := optSize(L, 2, 1, "recv", 4096, maxRecv)
	timeout := optTimeout(L, 3, 2, "recv")
	checkKind(L, sk, "recv", netops.KindConn, netops.KindPacket)
	if sk.closed {
		return fail(L, "closed")
	}
	flush := sk.claim(e)
	return e.s.park(L, "recv", func(ctx context.Context) result {
		if flush != nil {
			sk.flushFirst(e, flush)
		}
		b, err := sk.ns.Recv(ctx, max, timeout)
		if err != nil {
			return failErr(err)
		}
		return result{a: ownedString(b)}
	})
}

// ownedString makes a Lua string of b without copying it: netops hands
// every receive a fresh slice that nothing else holds or changes.
func ownedString(b []byte) lua.LString {
	if len(b) == 0 {
		return ""
	}
	return lua.LString(unsafe.String(&b[0], len(b)))
}

// c:recvline([timeout]): a line without its "\n" (and a "\r" before it).
func (e *engine) recvline(L *lua.LState) int {
	sk := e.checkSock(L, "recvline")
	timeout := optTimeout(L, 2, 1, "recvline")
	return e.gather(L, sk, "recvline", func(ctx context.Context) ([]byte, error) {
		b, err := sk.ns.RecvLine(ctx, timeout, 0)
		if n := len(b); n > 0 && b[n-1] == '\n' {
			b = b[:n-1]
			if n := len(b); n > 0 && b[n-1] == '\r' {
				b = b[:n-1]
			}
		}
		return b, err
	})
}

// c:recvuntil(delim [, timeout]): the bytes up to and including delim.
func (e *engine) recvuntil(L *lua.LState) int {
	sk := e.checkSock(L, "recvuntil")
	delim := checkStr(L, 2, 1, "recvuntil")
	if delim == "" {
		argErr(L, 1, "recvuntil", "empty delimiter")
	}
	timeout := optTimeout(L, 3, 2, "recvuntil")
	return e.gather(L, sk, "recvuntil", func(ctx context.Context) ([]byte, error) {
		return sk.ns.RecvUntil(ctx, []byte(delim), timeout, 0)
	})
}

// c:recvall([timeout]): everything until the peer closes (at most 1 MiB).
func (e *engine) recvall(L *lua.LState) int {
	sk := e.checkSock(L, "recvall")
	timeout := optTimeout(L, 2, 1, "recvall")
	return e.gather(L, sk, "recvall", func(ctx context.Context) ([]byte, error) {
		return sk.ns.RecvAll(ctx, timeout, 0)
	})
}

// gather parks a line/delimiter/whole-stream receive. Data that arrived
// before the end of stream is returned; the next call returns nil, "closed".
func (e *engine) gather(L *lua.LState, sk *sock, fname string, op func(context.Context) ([]byte, error)) int {
	checkKind(L, sk, fname, netops.KindConn)
	if sk.closed {
		return fail(L, "closed")
	}
	flush := sk.claim(e)
	return e.s.park(L, fname, func(ctx context.Context) result {
		if flush != nil {
			sk.flushFirst(e, flush)
		}
		b, err := op(ctx)
		if err != nil && (err != io.EOF || b == nil) {
			return failErr(err)
		}
		return result{a: ownedString(b)}
	})
}

// p:sendto(data, addr) -> n
func (e *engine) sendto(L *lua.LState) int {
	sk := e.checkSock(L, "sendto")
	data := checkStr(L, 2, 1, "sendto")
	addr := checkStr(L, 3, 2, "sendto")
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 2, "sendto", err.Error())
	}
	checkKind(L, sk, "sendto", netops.KindPacket)
	if sk.closed {
		return fail(L, "closed")
	}
	return e.s.park(L, "sendto", func(ctx context.Context) result {
		n, err := sk.ns.SendTo(ctx, []byte(data), addr, 0)
		if err != nil {
			return failErr(err)
		}
		return result{a: lua.LNumber(n)}
	})
}

// p:recvfrom([max [, timeout]]) -> data, "ip:port"
func (e *engine) recvfrom(L *lua.LState) int {
	sk := e.checkSock(L, "recvfrom")
	max := optSize(L, 2, 1, "recvfrom", 65536, 65536)
	timeout := optTimeout(L, 3, 2, "recvfrom")
	checkKind(L, sk, "recvfrom", netops.KindPacket)
	if sk.closed {
		return fail(L, "closed")
	}
	return e.s.park(L, "recvfrom", func(ctx context.Context) result {
		b, from, err := sk.ns.RecvFrom(ctx, max, timeout)
		if err != nil {
			return failErr(err)
		}
		return result{a: lua.LString(b), b: lua.LString(from)}
	})
}

// c:shutdown("write"|"read"|"both") -> true; queued data goes out first.
func (e *engine) shutdown(L *lua.LState) int {
	sk := e.checkSock(L, "shutdown")
	how := "both"
	if L.Get(2) != lua.LNil {
		how = checkStr(L, 2, 1, "shutdown")
	}
	if how != "read" && how != "write" && how != "both" {
		argErr(L, 1, "shutdown", fmt.Sprintf("\"read\", \"write\" or \"both\" expected, got %q", how))
	}
	checkKind(L, sk, "shutdown", netops.KindConn)
	if sk.closed {
		return fail(L, "closed")
	}
	wait := sk.drained(e)
	if wait == nil {
		if err := sk.ns.Shutdown(how); err != nil {
			return fail(L, netops.Reason(err))
		}
		return ok2(L, lua.LTrue)
	}
	return e.s.park(L, "shutdown", func(ctx context.Context) result {
		if err := waitIdle(ctx, wait); err != nil {
			return failErr(err)
		}
		if err := sk.ns.Shutdown(how); err != nil {
			return failErr(err)
		}
		return result{a: lua.LTrue}
	})
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
