package luanet

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLuaTLS: a Lua TLS server (self-signed, tls = true) and a Lua client
// in the same run: verify = false talks; verification (the default) fails
// with the reason, and the server goes on to the next client.
func TestLuaTLS(t *testing.T) {
	out, errs, err := runLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0", {tls = true}))
		local _, port = l:localaddr()
		local srv = spawn(function()
			local c = assert(l:accept(5))
			local line = assert(c:recvline(5))
			c:sendline("echo " .. line)
			c:close()
		end)
		local c, err = net.connect("127.0.0.1:" .. port, {tls = true, timeout = 5})
		print("verified:", c, err ~= nil and err:find("certificate") ~= nil)
		c = assert(net.connect("127.0.0.1:" .. port, {tls = true, verify = false, servername = "localhost"}))
		c:sendline("hi")
		print(c:recvline(5))
		assert(srv:join(5))
	`, Options{})
	if err != nil {
		t.Fatalf("%v\n%s%s", err, out, errs)
	}
	if !strings.Contains(out, "verified:\tnil\ttrue") || !strings.Contains(out, "echo hi") {
		t.Fatalf("output %q", out)
	}
}

// TestLuaUnix: net.listen("unix", PATH) and net.connect("unix:PATH").
func TestLuaUnix(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.sock")
	if l, err := net.Listen("unix", path); err != nil {
		t.Skipf("Unix-domain sockets cannot be opened here (%v; Wine 8 has none)", err)
	} else {
		l.Close()
		os.Remove(path)
	}
	out, errs, err := runLua(t, `
		local path = ...
		local l = assert(net.listen("unix", "`+path+`"))
		local srv = spawn(function()
			local c = assert(l:accept(5))
			c:sendline("echo " .. assert(c:recvline(5)))
			c:close()
		end)
		local c = assert(net.connect("unix:`+path+`", {timeout = 5}))
		c:sendline("hi")
		print(c:recvline(5))
		assert(srv:join(5))
		l:close()
	`, Options{})
	if err != nil || !strings.Contains(out, "echo hi") {
		t.Fatalf("%v: %q %q", err, out, errs)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the socket file is still there after close")
	}
}
