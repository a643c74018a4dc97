package luanet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/internal/testnet"
	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
	lua "github.com/yuin/gopher-lua"
)

func TestThousandsOfCoroutines(t *testing.T) {
	out, errs, err := runLua(t, `
		local n, done = 5000, 0
		for i = 1, n do
			spawn(function(k) sleep(0.001 * (k % 7)) done = done + 1 end, i)
		end
		while done < n do sleep(0.01) end
		print("done", done)`, Options{})
	if err != nil || out != "done\t5000\n" || errs != "" {
		t.Fatalf("out %q errs %q err %v", out, errs, err)
	}
}

// TestCancelWhileParked cancels a script with tasks parked in accept,
// recv, sleep, connect-with-retry and input: it must stop well under a
// second, close its sockets, and leave no goroutine behind (TestMain).
func TestCancelWhileParked(t *testing.T) {
	tbl := netops.NewTable()
	pr, pw := io.Pipe()
	defer pw.Close()
	out := newLineBuf()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- RunString(ctx, "parked.lua", `
			local l = assert(net.listen("tcp", "127.0.0.1:0"))
			local ip, port = l:localaddr()
			local s -- the accepted connection; then accept parks again
			spawn(function() s = l:accept() l:accept() end)
			for i = 1, 50 do spawn(function() sleep(3600) end) end
			local c = assert(net.connect(ip .. ":" .. port))
			while not s do sleep(0.001) end
			spawn(function() c:recv() end)
			spawn(function() net.connect("127.0.0.1:1", {retry = 10}) end)
			spawn(function() print("input", input()) end)
			print("parked")
			sleep(3600)`, Options{Table: tbl, Stdin: pr, Stdout: out, Stderr: out})
	}()
	out.wait(t, "parked", 5*time.Second)
	if len(tbl.List()) != 3 {
		t.Errorf("sockets before cancel: %d", len(tbl.List()))
	}
	began := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want it to wrap context.Canceled", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("script did not stop")
	}
	if d := time.Since(began); d > 500*time.Millisecond {
		t.Errorf("stopping took %v", d)
	}
	if n := len(tbl.List()); n != 0 {
		t.Errorf("%d sockets left open", n)
	}
	pw.Close() // ends the stdin reader goroutine (a real terminal read cannot be interrupted)
}

func TestCancelCPUBound(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	began := time.Now()
	err := RunString(ctx, "spin.lua", "spawn(function() while true do end end)", Options{})
	if err == nil || time.Since(began) > time.Second {
		t.Fatalf("err %v after %v", err, time.Since(began))
	}
}

// TestHandlerError: one handler's error is reported with file:line and
// ends that handler only; the server keeps serving.
func TestHandlerError(t *testing.T) {
	s := startFile(t, writeScript(t, "boom.lua", `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		print("listening on " .. table.concat({l:localaddr()}, ":"))
		while true do
			local c = l:accept()
			spawn(function()
				local d = c:recv()
				if d == "boom" then
					local t = nil
					return t.field   -- line 10
				end
				c:send("ok " .. d)
				c:close()
			end)
		end`), nil)
	addr := s.addr(t)
	c1 := dial(t, addr)
	c1.Write([]byte("boom"))
	if b, err := io.ReadAll(c1); err != nil || len(b) != 0 { // the failed handler's socket is closed
		t.Errorf("failed handler's client read %q, %v", b, err)
	}
	msg := s.errw.wait(t, `error: .*`, 5*time.Second)
	if !strings.Contains(msg, "boom.lua:10:") || !strings.Contains(msg, "this handler ended") {
		t.Errorf("report %q", msg)
	}
	s.errw.wait(t, `stack traceback:\n\s+.*boom.lua:10:`, 5*time.Second)
	for i := range 3 {
		c := dial(t, addr)
		c.Write([]byte(fmt.Sprint(i)))
		if b, _ := io.ReadAll(c); string(b) != fmt.Sprint("ok ", i) {
			t.Errorf("after the error: %q", b)
		}
	}
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	t.Cleanup(func() { c.Close() })
	return c
}

func writeScript(t *testing.T, name, code string) string {
	p := t.TempDir() + "/" + name
	if err := osWriteFile(p, code); err != nil {
		t.Fatal(err)
	}
	return p
}

var luaCases = []struct {
	name, code string
	out        string // exact output, when not ""
	err        string // substring of RunString's error, "" for none
}{
	{"main error has file:line", "local x = 1\nerror('bad thing')", "", "test.lua:2: bad thing"},
	{"runtime error", "local t\nlocal y = t.x", "", "test.lua:2:"},
	{"misuse raises with file:line", "\nnet.listen('tcpx', ':0')", "", "test.lua:2: bad argument #1 to 'listen'"},
	{"bad method self", "local l = net.listen('tcp', '127.0.0.1:0')\nl.accept()", "", "test.lua:2: bad self to 'accept'"},
	{"wrong kind", "local l = net.listen('tcp', '127.0.0.1:0')\nl:recv()", "", "test.lua:2: 'recv' does not work on [1], which is a listener"},
	{"bad timeout", "local l = net.listen('tcp', '127.0.0.1:0')\nl:accept(-1)", "", "test.lua:2: bad argument #1 to 'accept'"},
	{"unknown option", "net.connect('127.0.0.1:1', {retyr = 1})", "", "bad option 'retyr' to 'connect'"},
	{"refused is nil, err", "print(net.connect('127.0.0.1:1'))", "nil\trefused\n", ""},
	{"accept timeout", "local l = net.listen('tcp', '127.0.0.1:0')\nprint(l:accept(0.05))", "nil\ttimeout\n", ""},
	{"recv timeout", `local l = net.listen('tcp', '127.0.0.1:0')
		local c = net.connect(table.concat({l:localaddr()}, ':'))
		print(c:recv(10, 0.05))`, "nil\ttimeout\n", ""},
	{"yield inside pcall", "print(pcall(function() sleep(0.01) return 'slept' end))", "true\tslept\n", ""},
	{"error inside pcall after yield", "print(pcall(function() sleep(0.01) error('x', 0) end))", "false\tx\n", ""},
	{"nested pcall and xpcall", `local ok, ok2, e = xpcall(function() return pcall(function() sleep(0) error({code=1}) end) end, print) print(ok, ok2, e.code)`, "true\tfalse\t1\n", ""},
	{"xpcall handler", `print(xpcall(function() sleep(0) error('e', 0) end, function(m) return 'handled ' .. m end))`, "false\thandled e\n", ""},
	{"pcall of a Go function", "print(pcall(error, 'z', 0))", "false\tz\n", ""},
	{"coroutine.wrap with blocking", `
		local gen = coroutine.wrap(function() for i = 1, 3 do sleep(0.001) coroutine.yield(i) end end)
		print(gen(), gen(), gen())`, "1\t2\t3\n", ""},
	{"user coroutine inside pcall", `
		local co = coroutine.create(function(a) local b = coroutine.yield(a * 2) sleep(0) return b + 1 end)
		print(coroutine.resume(co, 5)) print(pcall(coroutine.resume, co, 10))`, "true\t10\ntrue\ttrue\t11\n", ""},
	{"metamethod cannot block", `
		local t = setmetatable({}, {__index = function() sleep(0.01) end})
		local x = t.y`, "", "test.lua:2: sleep: cannot block inside a metamethod / for-in iterator / sort or gsub callback"},
	{"for-in iterator cannot block", `
		local function it() sleep(0.01) end
		for x in it do end`, "", "cannot block inside a metamethod / for-in iterator"},
	{"sort callback cannot block", `table.sort({3, 2, 1}, function(a, b) sleep(0) return a < b end)`, "", "cannot block inside"},
	{"gsub callback cannot block in pcall", `print(pcall(string.gsub, "ab", ".", function(c) sleep(0) end))`,
		"false\ttest.lua:1: sleep: cannot block inside a metamethod / for-in iterator / sort or gsub callback (Lua 5.1 cannot yield there): call it from plain code, e.g. a while loop\n", ""},
	{"yield outside coroutine", `coroutine.yield(1)`, "", "test.lua:1: coroutine.yield was called outside a coroutine the script created: only"},
	{"os.execute off", `os.execute("true")`, "", "os.execute is off"},
	{"io.popen off", `io.popen("true")`, "", "io.popen is off"},
	{"io.lines blocks", `io.lines()`, "", "use input()"},
	{"io.read without stdin", `print(io.read(), io.read("*a"))`, "nil\t\n", ""},
	{"channel not opened", `print(channel)`, "nil\n", ""},
	{"os.exit(0) ends quietly", "print(1) os.exit(0) print(2)", "1\n", ""},
	{"os.exit(3) fails", "os.exit(3)", "", "os.exit(3)"},
	{"os.exit takes a numeric string", `os.exit(" 5 ")`, "", "os.exit(5)"},
	{"os.exit refuses a word", `os.exit("five")`, "", "test.lua:1: bad argument #1 to 'exit' (number expected, got string)"},
	{"os.exit through pcall ends the script", "print(pcall(os.exit, 4)) print('after')", "", "os.exit(4)"},
	{"os.exit inside pcall'd function", "pcall(function() os.exit(0) end) print('after')", "", ""},
	{"os.exit through xpcall", "xpcall(function() os.exit(6) end, print) print('after')", "", "os.exit(6)"},
	{"os.exit in a coroutine", "print(coroutine.resume(coroutine.create(function() os.exit(7) end))) print('after')", "", "os.exit(7)"},
	{"os.exit in a task's pcall", "spawn(function() pcall(os.exit, 8) print('task after') end) sleep(1) print('main after')", "", "os.exit(8)"},
	{"pcall(error, msg) has no prelude position", "print(pcall(error, 'msg'))", "false\tmsg\n", ""},
	{"pcall of a Go function names it ?", "print(pcall(string.rep))", "false\tbad argument #1 to ? (string expected, got nil)\n", ""},
	{"input without stdin", "print(input())", "nil\n", ""},
	{"spawn needs a function", "spawn(1)", "", "bad argument #1 to 'spawn' (function expected, got number)"},
	{"hex", "print(hex('\\0\\1\\255abc'))", "0001ff616263\n", ""},
	{"pcall of a non-function", "print(pcall(nil)) print(pcall(setmetatable({}, {__call = function(_, x) return x * 2 end}), 21))",
		"false\tattempt to call a nil value\ntrue\t42\n", ""},
	{"coroutine.wrap error keeps the script's position", `print(pcall(coroutine.wrap(function() error("boom") end)))`, "false\ttest.lua:1: boom\n", ""},
	{"syntax error", "x = = 1", "", "test.lua"},
}

func TestLuaCases(t *testing.T) {
	for _, tc := range luaCases {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runLua(t, tc.code, Options{})
			if tc.err == "" && err != nil {
				t.Fatalf("error %v; output %q", err, out)
			}
			if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("error %v, want %q; output %q", err, tc.err, out)
			}
			if out != tc.out {
				t.Errorf("output %q, want %q", out, tc.out)
			}
		})
	}
}

// TestSocketMethods walks the connection API over a real connection.
func TestSocketMethods(t *testing.T) {
	out, errs, err := runLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0", {backlog = 8}))
		local ip, port = l:localaddr()
		assert(l:state() == "LISTEN", l:state())
		spawn(function()
			local c = assert(l:accept(5))
			c:send("line one\r\nline two\nrest|after")
			c:send("tail")
			sleep(0.05)
			c:shutdown("write")
			local all = c:recvall()
			assert(all == "ignored\nbye", all)
			c:close()
		end)
		local c = assert(net.connect(ip .. ":" .. port, {timeout = 5}))
		assert(type(c.id) == "number")
		assert(c:state() == "ESTABLISHED")
		local rip, rport = c:remoteaddr()
		assert(rip == ip and rport == port)
		print(c:recvline())              -- "\r\n" stripped
		print(c:recv(4))                 -- bytes beyond a line stay for the next recv
		print(c:recvuntil("|"))          -- the delimiter is kept
		print(c:recvall())               -- until the peer closes its side
		print(c:recv())                  -- nil, "closed"
		c:sendline("ignored")
		c:send("bye")
		c:close()
		print(c:recv())
		print(tostring(c):match("^%[%d+%] tcp conn"))
	`, Options{})
	want := regexp.MustCompile(`^` + regexp.QuoteMeta("line one\nline\n two\nrest|\naftertail\nnil\tclosed\nnil\tclosed\n") + `\[\d+\] tcp conn\n$`)
	if err != nil || !want.MatchString(out) {
		t.Fatalf("err %v errs %q\nout %q\nwant %q", err, errs, out, want)
	}
}

func TestUDPMethods(t *testing.T) {
	testnet.NeedUDP(t)
	out, _, err := runLua(t, `
		local a = assert(net.udp("127.0.0.1:0"))
		local b = assert(net.udp())
		local ip, port = a:localaddr()
		print(b:sendto("ping", ip .. ":" .. port))
		local d, from = a:recvfrom()
		print(d, from:match("^127%.0%.0%.1:%d+$") ~= nil)
		a:sendto("pong", from)
		print(b:recvfrom(100, 5))
		print(b:recvfrom(100, 0.05))
		local c = assert(net.connect(ip .. ":" .. port, {proto = "udp"}))
		c:send("via connect")
		print(a:recvfrom())
	`, Options{})
	if err != nil || !strings.HasPrefix(out, "4\nping\ttrue\npong\t127.0.0.1:") || !strings.Contains(out, "nil\ttimeout\nvia connect\t127.0.0.1:") {
		t.Fatalf("err %v out %q", err, out)
	}
}

// TestMaxClients: with max_clients=2 a third client waits in the backlog
// until one leaves, and the limit is logged.
func TestMaxClients(t *testing.T) {
	s := startFile(t, writeScript(t, "max.lua", `
		local l = assert(net.listen("tcp", "127.0.0.1:0", {max_clients = 2}))
		print("listening on " .. table.concat({l:localaddr()}, ":"))
		while true do
			local c = l:accept()
			spawn(function()
				while true do
					local d = c:recv()
					if not d then break end
					c:send(d)
				end
				c:close()
			end)
		end`), nil)
	addr := s.addr(t)
	echo := func(c net.Conn, m string) bool {
		c.SetDeadline(time.Now().Add(300 * time.Millisecond))
		c.Write([]byte(m))
		b := make([]byte, len(m))
		_, err := io.ReadFull(c, b)
		return err == nil && string(b) == m
	}
	c1, c2, c3 := dial(t, addr), dial(t, addr), dial(t, addr)
	if !echo(c1, "a") || !echo(c2, "b") {
		t.Fatal("first two clients not served")
	}
	s.errw.wait(t, `max_clients \(2\) reached`, 5*time.Second)
	if echo(c3, "c") {
		t.Fatal("third client served beyond max_clients")
	}
	c1.Close()
	c3.SetDeadline(time.Now().Add(5 * time.Second))
	b := make([]byte, 1)
	if _, err := io.ReadFull(c3, b); err != nil || string(b) != "c" {
		t.Fatalf("third client after one left: %q %v", b, err)
	}
}

// TestDataNotLost: bytes that arrive while the script is busy stay
// buffered, and a recv smaller than what arrived leaves the rest.
func TestDataNotLost(t *testing.T) {
	out, _, err := runLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local ip, port = l:localaddr()
		spawn(function()
			local c = l:accept()
			for i = 1, 100 do c:send(("%03d"):format(i)) end
			c:close()
		end)
		local c = net.connect(ip .. ":" .. port)
		sleep(0.05)
		local got = {}
		while true do
			local d = c:recv(7)
			if not d then break end
			got[#got + 1] = d
		end
		local s = table.concat(got)
		print(#s, s:sub(1, 9), s:sub(-3))`, Options{})
	if err != nil || out != "300\t001002003\t100\n" {
		t.Fatalf("%q %v", out, err)
	}
}

func TestRunStringSharesTable(t *testing.T) {
	tbl := netops.NewTable()
	l, err := tbl.Listen(context.Background(), "tcp", "127.0.0.1:0", netops.ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	out, _, err := runLua(t, fmt.Sprintf(`
		local c = assert(net.connect(%q))
		print(c.id)`, l.LocalAddr()), Options{Table: tbl})
	if err != nil || out != "2\n" {
		t.Fatalf("%q %v", out, err)
	}
	if len(tbl.List()) != 1 { // the script's socket closed at its end; the shell's stays
		t.Errorf("table: %d sockets", len(tbl.List()))
	}
}

func TestInputOption(t *testing.T) {
	var prompts []string
	lines := []string{"one", "two"}
	out, _, err := runLua(t, `print(input("a> ")) print(input("b> ")) print(input())`, Options{
		Input: func(ctx context.Context, p string) (string, error) {
			prompts = append(prompts, p)
			if len(lines) == 0 {
				return "", io.EOF
			}
			l := lines[0]
			lines = lines[1:]
			return l, nil
		}})
	if err != nil || out != "one\ntwo\nnil\n" || strings.Join(prompts, ",") != "a> ,b> ," {
		t.Fatalf("%q %v %q", out, err, prompts)
	}
}

func TestStdinInput(t *testing.T) {
	out, _, err := runLua(t, `while true do local l = input("> ") if not l then break end print("[" .. l .. "]") end`,
		Options{Stdin: strings.NewReader("a\r\nb\n\nlast")})
	if err != nil || out != "> [a]\n> [b]\n> []\n> [last]\n> " {
		t.Fatalf("%q %v", out, err)
	}
}

// TestParkedPanicBecomesFailure checks that a panic inside a parked
// operation reaches the script as nil plus an internal error, not a crash.
func TestParkedPanicBecomesFailure(t *testing.T) {
	r := safeOp(context.Background(), func(context.Context) result { panic("boom") })
	if r.a != lua.LNil || r.b.String() != words.T("lua.internal", "boom") {
		t.Fatalf("result %v, %v", r.a, r.b)
	}
}

// TestRecvfromSize: recvfrom's third value is the datagram's length as it
// arrived, so a script sees that a datagram longer than max lost its tail.
func TestRecvfromSize(t *testing.T) {
	testnet.NeedUDP(t)
	out, _, err := runLua(t, `
		local a = assert(net.udp("127.0.0.1:0"))
		local b = assert(net.udp("127.0.0.1:0"))
		local ip, port = a:localaddr()
		local to = ip .. ":" .. port
		b:sendto(string.rep("x", 100), to)
		b:sendto("short", to)
		b:sendto("", to)
		local d, from, size = a:recvfrom(10, 5)
		print(#d, size, from:match("^127%.0%.0%.1:%d+$") ~= nil)
		print(a:recvfrom(10, 5))
		d, from, size = a:recvfrom(10, 5)
		print(#d, size)
		print(select("#", a:recvfrom(10, 0.05)))
	`, Options{})
	want := "10\t100\ttrue\nshort\t127.0.0.1:"
	if err != nil || !strings.HasPrefix(out, want) || !strings.HasSuffix(out, "\t5\n0\t0\n2\n") {
		t.Fatalf("err %v out %q", err, out)
	}
}
