package luanet

import (
	"bytes"
	"context"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSendTimeout sends to a peer that never reads: once the kernel's
// buffers and the queue are full, send waits at most its timeout and says
// "timeout" (the data of that call is not queued), and queued() shows
// what still waits.
func TestSendTimeout(t *testing.T) {
	addr, conns := goListener(t)
	done := make(chan string, 1)
	go func() {
		done <- mustLua(t, `
			local c = assert(net.connect("`+addr+`"))
			local chunk = string.rep("x", 65536)
			local sent, t0 = 0, now()
			for i = 1, 4000 do
				local n, err = c:send(chunk, 0.2)
				if not n then
					print(err, c:queued() > 0, c:queued() <= 262144 + 65536)
					break
				end
				sent = sent + n
			end
			print(sent > 0, now() - t0 < 30)
			print(c:send(chunk, 0))                -- 0: does not wait at all
			c:close()`)
	}()
	c := accepted(t, conns)
	c.(*net.TCPConn).SetReadBuffer(4096)
	var out string
	select {
	case out = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("send never timed out")
	}
	if out != "timeout\ttrue\ttrue\ntrue\ttrue\nnil\ttimeout\n" {
		t.Errorf("output %q", out)
	}
}

// TestQueuedDrains checks queued() against a peer that reads everything.
func TestQueuedDrains(t *testing.T) {
	addr, conns := goListener(t)
	done := make(chan string, 1)
	go func() {
		done <- mustLua(t, `
			local c = assert(net.connect("`+addr+`"))
			print(c:queued())
			c:send(string.rep("y", 1000))
			print(c:queued())                      -- queued until the task waits
			local t0 = now()
			while c:queued() > 0 and now() - t0 < 5 do sleep(0.001) end
			print(c:queued())
			c:close()`)
	}()
	c := accepted(t, conns)
	got, _ := io.ReadAll(io.LimitReader(c, 1000))
	if len(got) != 1000 {
		t.Errorf("peer got %d bytes", len(got))
	}
	if out := <-done; out != "0\n1000\n0\n" {
		t.Errorf("output %q", out)
	}
}

// TestRecvN receives exact counts over many small writes, and keeps what
// arrived on a timeout or an end of stream for the next receive.
func TestRecvN(t *testing.T) {
	addr, conns := goListener(t)
	done := make(chan string, 1)
	go func() {
		done <- mustLua(t, `
			local c = assert(net.connect("`+addr+`"))
			local a = c:recvn(3000, 10)
			print(#a, a == string.rep("0123456789", 300))
			print(c:recv(0) == "", c:recvn(0) == "")
			print(c:recvn(10, 0.05))               -- 5 bytes came, then silence
			print(c:recv())                        -- they were kept
			c:send("go")
			print(c:recvn(10, 5))                  -- 4 bytes, then the end
			print(c:recv())
			print(c:recvn(2000000))                -- over the socket's limit
			print(pcall(c.recvn, c, -1))`)
	}()
	c := accepted(t, conns)
	c.(*net.TCPConn).SetNoDelay(true)
	msg := []byte(strings.Repeat("0123456789", 300))
	for len(msg) > 0 { // 300 writes of 10 bytes, some apart
		if _, err := c.Write(msg[:10]); err != nil {
			t.Fatal(err)
		}
		msg = msg[10:]
		if len(msg)%500 == 0 {
			time.Sleep(time.Millisecond) // paces the writes, not a synchronisation
		}
	}
	c.Write([]byte("hello"))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, make([]byte, 2)); err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("tail"))
	c.(*net.TCPConn).CloseWrite()
	out := <-done
	want := "3000\ttrue\ntrue\ttrue\nnil\ttimeout\nhello\nnil\tclosed\ntail\nnil\ttoo long\n" +
		"false\ttest.lua:12: bad argument #1 to 'recvn' (a whole number of bytes >= 0 expected, got -1)\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestLimitInherited sets {limit = N} on a listener: the connections it
// accepts gather at most N bytes; a connection made with {limit = N} too.
func TestLimitInherited(t *testing.T) {
	done := make(chan string, 1)
	out := newLineBuf()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		errs := newLineBuf()
		err := RunString(ctx, "test.lua", `
			local l = assert(net.listen("tcp", "127.0.0.1:0", {limit = 8}))
			print("listening on " .. table.concat({l:localaddr()}, ":"))
			local c = assert(l:accept(10))
			print(c:recvline(5))                   -- 11 bytes without a newline
			print(c:recv())                        -- what arrived is kept (limit + 1 bytes were read)
			print(c:recvline(5))
			print(c:recvline(5))                   -- 8 bytes with the newline: within the limit
			print(c:recvn(9))
			local k = assert(net.connect(table.concat({l:localaddr()}, ":"), {limit = 4}))
			local s = assert(l:accept(10))
			s:send("12345\n")
			print(k:recvline(5))
			print(pcall(net.listen, "tcp", "127.0.0.1:0", {limit = 0}))`, Options{Stdout: out, Stderr: errs})
		o := out.String()
		if err != nil {
			o += err.Error() + errs.String()
		}
		done <- o
	}()
	addr := out.wait(t, `listening on (\S+)`, 5*time.Second)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("0123456789a"))
	c.Write([]byte("\nabcdefg\n"))
	got := <-done
	want := "nil\ttoo long\n012345678\n9a\nabcdefg\nnil\ttoo long\nnil\ttoo long\n" +
		"false\ttest.lua:14: bad option 'limit' to 'listen' (a whole number from 1 to 1073741824 expected, got 0)\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("output:\n%s\nwant (after the listening line):\n%s", got, want)
	}
}

func TestOptionsAndResolve(t *testing.T) {
	out := mustLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		print(c:getoption("nodelay"), c:setoption("nodelay", true), c:getoption("TCP_NODELAY")) -- off by default, as in C
		print(c:setoption("keepalive", true), c:getoption("so_keepalive"))
		print(type(c:setoption("rcvbuf", 65536)), c:getoption("rcvbuf") >= 65536)
		print(c:setoption("linger", 0), c:getoption("linger"), c:setoption("linger", false))
		print(pcall(c.getoption, c, "bogus"))
		print(pcall(c.setoption, c, "rcvbuf", "lots"))
		c:close()
		print(c:getoption("nodelay"))
		print(table.concat(net.resolve("127.0.0.1"), " "), table.concat(net.resolve("::1"), " "))
		local ok = false
		for _, a in ipairs(net.resolve("localhost")) do ok = ok or a == "127.0.0.1" or a == "::1" end
		print(ok)
		print(pcall(net.resolve, "bad host"))`)
	want := "false\ttrue\ttrue\ntrue\ttrue\nnumber\ttrue\n0\t0\tfalse\n" +
		"false\ttest.lua:8: bad argument #1 to 'getoption' (unknown option \"bogus\": want one of reuseaddr, reuseport, nodelay, keepalive, linger, rcvbuf, sndbuf)\n" +
		"false\ttest.lua:9: bad argument #2 to 'setoption' (bad rcvbuf \"lots\": want a number of bytes)\n" +
		"nil\tclosed\n127.0.0.1\t::1\ntrue\n" +
		"false\ttest.lua:16: bad argument #1 to 'resolve' (bad host \"bad host\": want a name or an IP address)\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestTimeoutZero: 0 means "do not wait" on a network call too.
func TestTimeoutZero(t *testing.T) {
	out := mustLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local t0 = now()
		print(l:accept(0))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		local s = assert(l:accept())
		print(c:recv(10, 0), c:recvline(0))
		s:send("ready\n")
		local line
		for i = 1, 1000 do line = c:recvline(0) if line then break end sleep(0.001) end
		print(line, now() - t0 < 5)`)
	if out != "nil\ttimeout\nnil\tnil\ttimeout\nready\ttrue\n" {
		t.Errorf("output %q", out)
	}
}

// TestForInWrapCannotBlock: a for-in over coroutine.wrap cannot carry a
// blocking call (Lua 5.1 calls the iterator from a nested VM loop): the
// error says so and where; a while loop over the same generator works.
func TestForInWrapCannotBlock(t *testing.T) {
	_, _, err := runLua(t, `
		for x in coroutine.wrap(function() sleep(0) coroutine.yield(1) end) do end`, Options{})
	if err == nil || !strings.Contains(err.Error(), "test.lua:2: sleep: cannot block inside a metamethod / for-in iterator") {
		t.Errorf("error %v", err)
	}
	out := mustLua(t, `
		local gen = coroutine.wrap(function() for i = 1, 3 do sleep(0) coroutine.yield(i) end end)
		while true do local x = gen() if x == nil then break end print(x) end`)
	if out != "1\n2\n3\n" {
		t.Errorf("output %q", out)
	}
}

// TestBusyReaderLetsOthersRun: a receive that finds data completes at
// once, without a hand-off; a task whose peer always has data ready must
// still let the others run.
func TestBusyReaderLetsOthersRun(t *testing.T) {
	addr, conns := goListener(t)
	const total = 20000 // one loopback segment: all there before the loop starts
	done := make(chan string, 1)
	go func() {
		done <- mustLua(t, `
			local c = assert(net.connect("`+addr+`"))
			assert(c:recvn(1, 10))                 -- the peer has written everything
			local got, seen = 1, nil
			spawn(function() sleep(0) seen = got end)
			while got < `+strconv.Itoa(total)+` do
				local d = assert(c:recv(1))
				got = got + #d
			end
			sleep(0.01)
			print(got, seen ~= nil and seen < got)`)
	}()
	c := accepted(t, conns)
	if _, err := c.Write(bytes.Repeat([]byte("z"), total)); err != nil {
		t.Fatal(err)
	}
	select {
	case out := <-done:
		if out != strconv.Itoa(total)+"\ttrue\n" {
			t.Errorf("output %q: the sleeping task did not run while the reader was busy", out)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("script did not end")
	}
}

// TestSetOptionValueErrors: a value of the wrong kind is refused in the
// words of Lua values (true/false, a number of bytes, seconds), never as
// the shell's "on" the script did not write, and a number past what the
// kernel takes names the range.
func TestSetOptionValueErrors(t *testing.T) {
	out := mustLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		print(pcall(c.setoption, c, "nodelay", 5))
		print(pcall(c.setoption, c, "rcvbuf", true))
		print(pcall(c.setoption, c, "linger", true))
		print(pcall(c.setoption, c, "sndbuf", 1e12))
		print(c:setoption("linger", 5), c:setoption("nodelay", "on"))`)
	want := "false\ttest.lua:4: bad argument #2 to 'setoption' (nodelay takes true or false, got 5)\n" +
		"false\ttest.lua:5: bad argument #2 to 'setoption' (rcvbuf takes a number of bytes, got true)\n" +
		"false\ttest.lua:6: bad argument #2 to 'setoption' (linger takes false or a number of seconds (0: close with RST), got true)\n" +
		"false\ttest.lua:7: bad argument #2 to 'setoption' (a whole number from 0 to 2147483647 expected, got 1000000000000)\n" +
		"5\ttrue\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}
