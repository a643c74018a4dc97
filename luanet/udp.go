package luanet

import (
	"context"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
)

// net.udp([addr]): a UDP socket bound to addr (":0" when absent).
func (e *engine) udp(L *lua.LState) int {
	addr := ":0"
	if L.Get(1) != lua.LNil {
		addr = checkStr(L, 1, 1, "udp")
	}
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 1, "udp", say.Error(err))
	}
	ns, err := e.table.Listen(e.ctx, "udp", addr, netops.ListenOptions{Owner: e.owner})
	if err != nil {
		return fail(L, netops.Reason(err))
	}
	return ok2(L, e.adopt(&sock{ns: ns}, e.s.taskOf(L)))
}

// p:sendto(data, addr) -> n
func (e *engine) sendto(L *lua.LState) int {
	sk := e.checkSock(L, "sendto")
	data := checkStr(L, 2, 1, "sendto")
	addr := checkStr(L, 3, 2, "sendto")
	if _, err := netops.ParseAddr(addr); err != nil {
		argErr(L, 2, "sendto", say.Error(err))
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

// p:recvfrom([max [, timeout]]) -> data, "ip:port", size: size is the
// datagram's length as it arrived, more than #data when its tail did not
// fit in max and was dropped.
func (e *engine) recvfrom(L *lua.LState) int {
	sk := e.checkSock(L, "recvfrom")
	max := optSize(L, 2, 1, "recvfrom", 65536, 1, 65536)
	timeout := optTimeout(L, 3, 2, "recvfrom")
	checkKind(L, sk, "recvfrom", netops.KindPacket)
	if sk.closed {
		return fail(L, "closed")
	}
	return e.s.park(L, "recvfrom", func(context.Context) result {
		d, err := sk.ns.RecvDatagram(e.s.sockCtx, max, timeout)
		if err != nil {
			return failErr(err)
		}
		return result{a: lua.LString(d.Data), then: func(*task) (lua.LValue, lua.LValue) {
			rest := e.L.NewTable()
			rest.Append(lua.LString(d.From))
			rest.Append(lua.LNumber(d.Size))
			return lua.LString(d.Data), rest
		}}
	})
}
