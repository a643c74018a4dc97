//go:build unix

package luanet

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/socklab/socklab/netops"
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

// TestUnixPathTooLong: a UNIX socket path longer than the system holds is
// an argument error that says the limit, for net.listen and net.connect
// (it was "invalid argument", or netops' English "bad path").
func TestUnixPathTooLong(t *testing.T) {
	out, _, err := runLua(t, `
		local p = "/tmp/" .. string.rep("a", 200)
		print(pcall(net.listen, "unix", p))
		print(pcall(net.connect, "unix:" .. p))`, Options{})
	if err != nil || strings.Count(out, "is at most "+strconv.Itoa(netops.MaxUnixPath)+" bytes here, this one has 205") != 2 {
		t.Fatalf("err %v, output:\n%s", err, out)
	}
}
