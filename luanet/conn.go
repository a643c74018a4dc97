package luanet

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// net.connect(addr [, {proto, timeout, retry, tries, local, limit, tls,
// verify, servername, ca}])
func (e *engine) connect(L *lua.LState) int {
	addr := checkStr(L, 1, 1, "connect")
	if path, ok := strings.CutPrefix(addr, "unix:"); ok {
		return e.connectUnix(L, path)
	}
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 1, "connect", say.Error(err))
	}
	proto := "tcp"
	o := netops.DialOptions{Owner: e.owner}
	limit := 0
	var tl tlsClient
	options(L, 2, 2, "connect", []string{"proto", "timeout", "retry", "tries", "local", "limit", "tls", "verify", "servername", "ca"}, func(k string, v lua.LValue) {
		if tl.option(L, k, v) {
			return
		}
		switch k {
		case "proto":
			s, ok := v.(lua.LString)
			if _, err := netops.ParseProto(string(s)); !ok || err != nil {
				got := typeName(v) // a table is "table", not its address
				if ok {
					got = strconv.Quote(string(s))
				}
				raise(L, fmt.Sprintf("bad option 'proto' to 'connect' (\"tcp\" or \"udp\" expected, got %s)", got))
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
		case "limit":
			limit = optInt(L, v, "connect", k, 1, maxLimit)
		}
	})
	cfg := tl.config(L, addr, proto)
	return e.s.park(L, "connect", func(ctx context.Context) result {
		ns, err := e.table.Connect(ctx, proto, addr, o)
		if err != nil {
			return failErr(err)
		}
		if cfg != nil {
			if _, err := ns.StartTLS(ctx, cfg, false, o.Timeout); err != nil {
				ns.Close()
				return failErr(err)
			}
		}
		return e.made(&sock{ns: ns, limit: limit})
	})
}

// c:send(data [, timeout]) -> n: all bytes, one write; queued (see
// writer.go) on TCP.
func (e *engine) send(L *lua.LState) int {
	sk := e.checkSock(L, "send")
	data := checkStr(L, 2, 1, "send")
	return e.doSend(L, sk, data, "send")
}

// c:sendline(s [, timeout]) sends s.."\n".
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
		timeout := optTimeout(L, 3, 2, fname)
		return e.s.park(L, fname, func(ctx context.Context) result {
			m, err := sk.ns.Send(ctx, []byte(data), timeout)
			if err != nil {
				return failErr(err)
			}
			return result{a: lua.LNumber(m)}
		})
	}
	timeout := optWait(L, 3, 2, fname)
	wait, err := sk.stuck(e)
	if err != nil {
		return fail(L, netops.Reason(err))
	}
	if wait == nil {
		if err := sk.enqueue(e, data); err != nil {
			return fail(L, netops.Reason(err))
		}
		return ok2(L, n)
	}
	if timeout == 0 {
		return fail(L, "timeout")
	}
	return e.s.park(L, fname, func(ctx context.Context) result {
		var tc <-chan time.Time
		if timeout > 0 {
			t := time.NewTimer(timeout)
			defer t.Stop()
			tc = t.C
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return failErr(ctx.Err())
		case <-tc:
			return timedOut
		}
		return result{then: func(*task) (lua.LValue, lua.LValue) {
			if sk.closed {
				return lua.LNil, lua.LString("closed")
			}
			if err := sk.enqueue(e, data); err != nil {
				r := failErr(err)
				return r.a, r.b
			}
			return n, lua.LNil
		}}
	})
}

// c:queued() -> how many bytes sent on c still wait to be written.
func (e *engine) mQueued(L *lua.LState) int {
	sk := e.checkSock(L, "queued")
	L.Push(lua.LNumber(sk.queued()))
	return 1
}

// c:recv([max=4096 [, timeout]]): what is buffered, or one read.
func (e *engine) recv(L *lua.LState) int {
	sk := e.checkSock(L, "recv")
	max := optSize(L, 2, 1, "recv", 4096, 0, maxRecv)
	timeout := optTimeout(L, 3, 2, "recv")
	checkKind(L, sk, "recv", netops.KindConn, netops.KindPacket)
	if sk.closed {
		return fail(L, "closed")
	}
	if max == 0 { // LuaSocket's receive(0)
		return ok2(L, lua.LString(""))
	}
	t := e.s.checkYield(L, "recv") // before claim: a refused receive takes nothing
	// The reply the task queued (a request/reply exchange) goes out
	// before the receive waits. When the loop has other tasks to run and
	// nothing can be there unannounced, a worker writes it and the poller
	// says when the next request arrives (poll.go): the loop's time goes to
	// Lua. Otherwise the loop writes it itself and tries a read at once,
	// which saves hand-offs: the next request is often there already.
	flush := sk.claim(e)
	var pw *pollWait
	if p := e.poll(sk); p != nil {
		var err error
		if pw, err = e.pollOf(sk, p); err != nil {
			if flush != nil {
				sk.flushFirst(e, flush)
			}
			return fail(L, netops.Reason(err))
		}
	}
	if flush != nil && pw != nil && e.s.busy() && pw.quiet() {
		return e.pollRecv(L, t, pw, max, timeout, flush)
	}
	if flush != nil {
		sk.flushFirst(e, flush)
	}
	var b []byte
	var err error
	if pw != nil {
		b, err = pw.try(max)
	} else {
		b, err = sk.ns.TryRecv(max)
	}
	if b != nil || (err != nil && err != netops.ErrBusy) {
		r := result{a: ownedString(b)}
		if err != nil {
			r = failErr(err)
		}
		return e.s.now(L, t, r)
	}
	if pw != nil && err == nil {
		return e.pollRecv(L, t, pw, max, timeout, nil)
	}
	return e.s.parkTask(L, t, func(context.Context) result {
		b, err := sk.ns.Recv(e.s.sockCtx, max, timeout)
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
		b, err := sk.ns.RecvLine(ctx, timeout, sk.limit)
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
		return sk.ns.RecvUntil(ctx, []byte(delim), timeout, sk.limit)
	})
}

// c:recvall([timeout]): everything until the peer closes (at most the
// socket's limit, 1 MiB unless set).
func (e *engine) recvall(L *lua.LState) int {
	sk := e.checkSock(L, "recvall")
	timeout := optTimeout(L, 2, 1, "recvall")
	return e.gather(L, sk, "recvall", func(ctx context.Context) ([]byte, error) {
		return sk.ns.RecvAll(ctx, timeout, sk.limit)
	})
}

// c:recvn(n [, timeout]): exactly n bytes (n up to the socket's limit).
// On a timeout or an end of stream what arrived stays buffered.
func (e *engine) recvn(L *lua.LState) int {
	sk := e.checkSock(L, "recvn")
	v := lua.LNumber(checkWholeArg(L, 2, 1, "recvn", 0, math.Inf(1), func(got lua.LNumber) string {
		return words.T("lua.recvn_size", got.String())
	}))
	timeout := optTimeout(L, 3, 2, "recvn")
	checkKind(L, sk, "recvn", netops.KindConn)
	if sk.closed {
		return fail(L, "closed")
	}
	if float64(v) > float64(sk.recvLimit()) {
		return fail(L, "too long")
	}
	n := int(v)
	if n == 0 {
		return ok2(L, lua.LString(""))
	}
	return e.gather(L, sk, "recvn", func(ctx context.Context) ([]byte, error) {
		return sk.ns.RecvN(ctx, n, timeout)
	})
}

// gather parks a line/delimiter/whole-stream receive. Data that arrived
// before the end of stream is returned; the next call returns nil, "closed".
func (e *engine) gather(L *lua.LState, sk *sock, fname string, op func(context.Context) ([]byte, error)) int {
	checkKind(L, sk, fname, netops.KindConn)
	if sk.closed {
		return fail(L, "closed")
	}
	t := e.s.checkYield(L, fname) // before claim: a refused receive takes nothing
	flush := sk.claim(e)
	return e.s.parkTask(L, t, func(context.Context) result {
		if flush != nil {
			sk.flushFirst(e, flush)
		}
		b, err := op(e.s.sockCtx)
		if err != nil && (err != io.EOF || b == nil) {
			return failErr(err)
		}
		return result{a: ownedString(b)}
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
