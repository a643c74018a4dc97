//go:build linux

package luanet

import (
	"strings"
	"testing"
)

// TestStepAPI builds a server and a client one system call at a time, as
// the Python socket exercises do, and checks the kernel's state after each
// step through c:state().
func TestStepAPI(t *testing.T) {
	out, errs, err := runLua(t, `
		local s = assert(net.socket("tcp"))
		local id = s.id
		assert(s:bind("127.0.0.1:0") == s)
		local ip, port = s:localaddr()
		assert(ip == "127.0.0.1" and port > 0, "bound address")
		assert(s:listen(5) == s)
		assert(s.id == id, "the id stays")
		print("server", s:state())
		local addr = ip .. ":" .. port
		spawn(function()
			local k = assert(net.socket("tcp"))
			assert(k:connect(addr, 2) == k)
			print("client", k:state())
			k:send("ping")
			print("client got", k:recv())
			k:close()
		end)
		local c = assert(s:accept(2))
		print("accepted", c:state())
		c:send(c:recv())
		assert(c:recv() == nil)
		c:close()

		-- the port is taken: the kernel's answer, with its errno name
		local d = assert(net.socket("tcp"))
		local ok, err = d:bind(addr)
		print("bind again", ok, err)
		d:close()
		s:close()

		-- a refused connect (to a port that was free a moment ago), and a
		-- UDP socket completed by bind
		local free = assert(net.socket("tcp"))
		assert(free:bind("127.0.0.1:0"))
		local _, fport = free:localaddr()
		free:close()
		local r = assert(net.socket("tcp"))
		print("connect", r:connect("127.0.0.1:" .. fport))
		local u = assert(net.socket("udp"))
		assert(u:bind("127.0.0.1:0"))
		print("udp", (u:localaddr()))`, Options{})
	want := []string{
		"server\tLISTEN",
		"client\tESTABLISHED",
		"accepted\tESTABLISHED",
		"client got\tping",
		"bind again\tnil\taddress already in use (EADDRINUSE)",
		"connect\tnil\tconnection refused (ECONNREFUSED)",
		"udp\t127.0.0.1",
	}
	if err != nil || errs != "" {
		t.Fatalf("err %v; stderr %q; out:\n%s", err, errs, out)
	}
	for _, w := range want {
		if !strings.Contains(out, w+"\n") {
			t.Errorf("missing %q in output:\n%s", w, out)
		}
	}
}

// TestStepMisuse checks that misuse raises at the script's line.
func TestStepMisuse(t *testing.T) {
	for code, want := range map[string]string{
		`net.socket("sctp")`:                       `test.lua:1: bad argument #1 to 'socket'`,
		`net.socket("tcp"):bind({})`:               `test.lua:1: bad argument #1 to 'bind'`,
		`net.socket("tcp"):listen(-1)`:             `test.lua:1: bad argument #1 to 'listen'`,
		`net.socket("tcp"):connect("nowhere")`:     `test.lua:1: bad argument #1 to 'connect'`,
		`net.socket("tcp"):accept()`:               `test.lua:1: 'accept' does not work on`,
		`local s = net.socket("tcp") s.bind(1, 2)`: `test.lua:1: bad self to 'bind'`,
	} {
		_, _, err := runLua(t, code, Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want %q", code, err, want)
		}
	}
}
