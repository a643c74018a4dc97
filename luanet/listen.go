package luanet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// net.listen(proto, addr [, {backlog=N, max_clients=N, limit=N, tls={cert=F,
// key=F}}]) (tls = true: a self-signed certificate for the run); the
// limit of recvline/recvuntil/recvall/recvn passes on to accepted
// connections.
func (e *engine) listen(L *lua.LState) int {
	proto := checkStr(L, 1, 1, "listen")
	addr := checkStr(L, 2, 2, "listen")
	if proto == "unix" {
		if err := netops.CheckUnixPath(addr); err != nil {
			argErr(L, 2, "listen", say.Error(err))
		}
		ns, err := e.table.ListenUnix(e.ctx, addr, netops.ListenOptions{Owner: e.owner})
		if err != nil {
			return fail(L, netops.Reason(err))
		}
		return ok2(L, e.adopt(&sock{ns: ns}, e.s.taskOf(L)))
	}
	if _, err := netops.ParseProto(proto); err != nil {
		argErr(L, 1, "listen", say.Error(err))
	}
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 2, "listen", say.Error(err))
	}
	var backlog, maxc, limit int
	var tlsOpt lua.LValue = lua.LNil
	options(L, 3, 3, "listen", []string{"backlog", "max_clients", "limit", "tls"}, func(k string, v lua.LValue) {
		switch k {
		case "tls":
			tlsOpt = v
		case "backlog":
			backlog = optInt(L, v, "listen", k, 1, 1<<16)
		case "max_clients":
			maxc = optInt(L, v, "listen", k, 1, 1<<24)
		case "limit":
			limit = optInt(L, v, "listen", k, 1, maxLimit)
		}
	})
	cfg := serverTLS(L, tlsOpt, proto)
	ns, err := e.table.Listen(e.ctx, proto, addr, netops.ListenOptions{Backlog: backlog, Owner: e.owner})
	if err != nil {
		return fail(L, netops.Reason(err))
	}
	sk := &sock{ns: ns, limit: limit, tls: cfg}
	if cfg != nil {
		sk.hs = newHandshakes()
	}
	if maxc > 0 {
		sk.slots = make(chan struct{}, maxc)
	}
	return ok2(L, e.adopt(sk, e.s.taskOf(L)))
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

// acceptOp waits for a free client slot (max_clients) and a client; a TLS
// listener's clients come from its handshakes (tlsaccept.go).
func (e *engine) acceptOp(ctx context.Context, sk *sock, timeout time.Duration) result {
	var dl time.Time
	if timeout > 0 {
		dl = time.Now().Add(timeout)
	}
	if sk.hs != nil {
		return e.acceptTLS(ctx, sk, dl)
	}
	if err := e.takeSlot(ctx, sk, dl, nil); err != nil {
		return failErr(err)
	}
	ns, err := e.acceptOne(ctx, sk, dl)
	if err != nil {
		e.releaseSlot(sk.slots)
		return failErr(err)
	}
	return e.made(&sock{ns: ns, slot: sk.slots, limit: sk.limit})
}

// takeSlot waits for a free client slot of sk (max_clients) until dl
// (zero: no limit), ctx ends or stop is closed, saying so on stderr when it
// has to wait.
func (e *engine) takeSlot(ctx context.Context, sk *sock, dl time.Time, stop <-chan struct{}) error {
	if sk.slots == nil {
		return nil
	}
	select {
	case sk.slots <- struct{}{}:
		return nil
	default:
	}
	fmt.Fprintln(e.stderr, words.T("lua.max_clients", sk.ns.ID, cap(sk.slots)))
	tc, stopTimer := until(dl)
	defer stopTimer()
	select {
	case sk.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-tc:
		return netops.ErrTimeout
	case <-stop:
		return net.ErrClosed
	}
}

// until returns a channel that receives at dl (nil, never, for a zero dl)
// and the function that stops its timer.
func until(dl time.Time) (<-chan time.Time, func()) {
	if dl.IsZero() {
		return nil, func() {}
	}
	t := time.NewTimer(time.Until(dl))
	return t.C, func() { t.Stop() }
}

// acceptOne accepts a client of sk by dl (zero: no limit). It rides out
// errors such as EMFILE (out of descriptors) with a back-off, as net/http's
// Server does, instead of failing or spinning.
func (e *engine) acceptOne(ctx context.Context, sk *sock, dl time.Time) (*netops.Socket, error) {
	var backoff time.Duration
	for {
		var d time.Duration
		if !dl.IsZero() {
			if d = time.Until(dl); d <= 0 {
				return nil, netops.ErrTimeout
			}
		}
		ns, err := sk.ns.Accept(ctx, d)
		if err == nil || !temporary(err) || ctx.Err() != nil {
			return ns, err
		}
		if backoff == 0 {
			backoff = 5 * time.Millisecond
		} else if backoff *= 2; backoff > time.Second {
			backoff = time.Second
		}
		fmt.Fprintln(e.stderr, words.T("lua.accept_retry", sk.ns.ID, say.Error(err), backoff))
		t := time.NewTimer(backoff)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
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
