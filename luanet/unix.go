package luanet

import (
	"context"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
)

// connectUnix is net.connect("unix:PATH"): a UNIX domain stream socket.
func (e *engine) connectUnix(L *lua.LState, path string) int {
	if err := netops.CheckUnixPath(path); err != nil {
		argErr(L, 1, "connect", say.Error(err))
	}
	o := netops.DialOptions{Owner: e.owner}
	options(L, 2, 2, "connect", []string{"timeout"}, func(k string, v lua.LValue) {
		o.Timeout = toDuration(L, v, 2, "connect", "timeout")
	})
	return e.s.park(L, "connect", func(ctx context.Context) result {
		ns, err := e.table.ConnectUnix(ctx, path, o)
		if err != nil {
			return failErr(err)
		}
		return e.made(&sock{ns: ns})
	})
}
