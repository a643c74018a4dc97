package luanet

import (
	"strings"
	"testing"

	"github.com/socklab/socklab/internal/testnet"
)

// TestCountRangeMessages: a count out of range is refused with the range
// the call really takes (recv takes 0, recvfrom does not).
func TestCountRangeMessages(t *testing.T) {
	out := mustLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		print(c:recv(0))
		print(pcall(c.recv, c, -1))
		print(pcall(c.recv, c, 0, "x"))
		print(pcall(c.recvn, c, -1))`)
	want := strings.Join([]string{
		"",
		"false\ttest.lua:5: bad argument #1 to 'recv' (size must be a whole number from 0 to 16777216, got -1)",
		"false\ttest.lua:6: bad argument #2 to 'recv' (timeout in seconds (number) expected, got string)",
		"false\ttest.lua:7: bad argument #1 to 'recvn' (a whole number of bytes >= 0 expected, got -1)",
		""}, "\n")
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	testnet.NeedUDP(t)
	out = mustLua(t, `
		local u = assert(net.udp("127.0.0.1:0"))
		print(pcall(u.recvfrom, u, 0))`)
	if want := "false\ttest.lua:3: bad argument #1 to 'recvfrom' (size must be a whole number from 1 to 65536, got 0)\n"; out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestNumberArgGotString: a whole-number argument or option given a
// string (of digits, too) is refused as Lua's own checks word it, "number
// expected, got string", never quoted as if it were the number it spells.
func TestNumberArgGotString(t *testing.T) {
	out := mustLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		local s = assert(net.socket("tcp"))
		print(pcall(net.connect, "127.0.0.1:1", {limit = "10"}))
		print(pcall(net.connect, "127.0.0.1:1", {tries = "3"}))
		print(pcall(net.listen, "tcp", "127.0.0.1:0", {max_clients = "5"}))
		print(pcall(queue, "x"))
		print(pcall(queue, "10"))
		print(pcall(c.recvn, c, "4"))
		print(pcall(c.recv, c, "4"))
		print(pcall(s.listen, s, "5"))
		print(pcall(net.memory, "1000000"))
		print(pcall(queue, 0))
		print(pcall(net.connect, "127.0.0.1:1", {proto = {}}))
		print(pcall(net.connect, "127.0.0.1:1", {proto = "sctp"}))`)
	want := strings.Join([]string{
		"false\ttest.lua:5: bad option 'limit' to 'connect' (number expected, got string)",
		"false\ttest.lua:6: bad option 'tries' to 'connect' (number expected, got string)",
		"false\ttest.lua:7: bad option 'max_clients' to 'listen' (number expected, got string)",
		"false\ttest.lua:8: bad argument #1 to 'queue' (number expected, got string)",
		"false\ttest.lua:9: bad argument #1 to 'queue' (number expected, got string)",
		"false\ttest.lua:10: bad argument #1 to 'recvn' (number expected, got string)",
		"false\ttest.lua:11: bad argument #1 to 'recv' (number expected, got string)",
		"false\ttest.lua:12: bad argument #1 to 'listen' (number expected, got string)",
		"false\ttest.lua:13: bad argument #1 to 'memory' (number expected, got string)",
		"false\ttest.lua:14: bad argument #1 to 'queue' (capacity must be a whole number from 1 to 1073741824, got 0)",
		"false\ttest.lua:15: bad option 'proto' to 'connect' (\"tcp\" or \"udp\" expected, got table)",
		"false\ttest.lua:16: bad option 'proto' to 'connect' (\"tcp\" or \"udp\" expected, got \"sctp\")",
		""}, "\n")
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}
