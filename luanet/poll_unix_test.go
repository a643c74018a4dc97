//go:build unix

package luanet

import (
	"path/filepath"
	"testing"
)

// TestRecvWaitsOnUnixSocket: a receive on a UNIX-domain stream socket
// that has to wait takes a worker (the poller takes TCP only), whether the
// loop is alone or busy with a reply to write; it must never say "no
// poller" or "closed" to the script.
func TestRecvWaitsOnUnixSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "u.sock")
	out := mustLua(t, `
		local l = assert(net.listen("unix", "`+path+`"))
		local srv = spawn(function()
			local c = assert(l:accept(5))
			print("server", c:recv(10, 5))       -- waits alone
			c:send("hello")
			print("server", c:recv(10, 5))
			c:close()
		end)
		local c = assert(net.connect("unix:`+path+`", {timeout = 5}))
		c:send("x")
		print("client", c:recv(10, 5))
		c:send("y")
		spawn(function() end)                    -- the loop is busy: a reply to write and a task to run
		print("client", c:recv(10, 5))
		srv:join(5)`)
	want := "server\tx\nclient\thello\nserver\ty\nclient\tnil\tclosed\n"
	if out != want {
		t.Errorf("output %q, want %q", out, want)
	}
}
