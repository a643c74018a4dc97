package luanet

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/netops"
)

// TestPolledRecv covers a receive that waits on the poller: a timeout
// leaves later data for the next receive, a close by another task wakes
// it, and a second task receiving on the same connection still gets its
// data.
func TestPolledRecv(t *testing.T) {
	addr, conns := goListener(t)
	output := goLua(t, `
			local c = assert(net.connect("`+addr+`"))
			print(c:recv(10, 0.05))                -- nothing yet
			c:send("go")
			print(c:recv(10, 5))                   -- the data came after the timeout: not lost
			local a = spawn(function() return c:recv(10) end)
			local b = spawn(function() return c:recv(10) end)
			sleep(0.01)
			print(a:status(), b:status())
			c:send("more")
			local got = {}
			for _, t in ipairs({a, b}) do
				local _, d = t:join(5)
				got[#got + 1] = d
			end
			table.sort(got)
			print(table.concat(got, " "))
			local k = spawn(function() return c:recv() end)
			sleep(0.01)
			c:close()
			print(k:join(5))`)
	c := accepted(t, conns)
	peerReads(t, c, "go")
	c.Write([]byte("late"))
	peerReads(t, c, "more")
	c.Write([]byte("one"))
	time.Sleep(20 * time.Millisecond) // two separate chunks for the two tasks (pacing, not synchronisation)
	c.Write([]byte("two"))
	want := "nil\ttimeout\nlate\nwaiting\twaiting\none two\ntrue\tnil\tclosed\n"
	if out := output(); out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestRecvWhileAnotherReceiveHoldsTheSocket: a recvline waiting on a
// worker holds the socket's receive side; a recv on the same socket must
// then wait on a worker too, never on the loop (which would stop every
// task).
func TestRecvWhileAnotherReceiveHoldsTheSocket(t *testing.T) {
	addr, conns := goListener(t)
	output := goLua(t, `
			local c = assert(net.connect("`+addr+`"))
			local a = spawn(function() return c:recvline(10) end)
			sleep(0.01)
			local b = spawn(function() return c:recv(10, 10) end)
			sleep(0.01)
			print("alive")
			c:send("ready")
			print(a:join(10))
			print(b:join(10))`)
	c := accepted(t, conns)
	peerReads(t, c, "ready") // (nothing: the loop is stuck)
	c.Write([]byte("line\n"))
	time.Sleep(20 * time.Millisecond) // pacing
	c.Write([]byte("rest"))
	if out := output(); out != "alive\ntrue\tline\ntrue\trest\n" {
		t.Errorf("output %q", out)
	}
}

// TestPolledEchoUnderLoad: many clients at once keep the loop busy, so
// replies are written by workers that then arm the poller (poll.go), while
// short receive timeouts end waits that a worker may still be arming.
// Every byte must come back, in order, to its own client.
func TestPolledEchoUnderLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "server.lua")
	os.WriteFile(path, []byte(`
		local server = assert(net.listen("tcp", "127.0.0.1:0"))
		print(("listening on %s:%d"):format(server:localaddr()))
		while true do
			local c = server:accept()
			spawn(function()
				while true do
					local data, err = c:recv(1024, 0.005)
					if data then c:send(data)
					elseif err == "timeout" then sleep(0.02)
					else break end
				end
				c:close()
			end)
		end`), 0o600)
	s := startFile(t, path, nil)
	clients(t, s.addr(t), 100, 20*time.Second, func(i int, c net.Conn) error {
		for k := range 100 {
			msg := []byte(fmt.Sprintf("client %d message %d", i, k))
			if i%10 == 0 && k%20 == 0 {
				time.Sleep(10 * time.Millisecond) // let the server's receive time out (pacing)
			}
			if _, err := c.Write(msg); err != nil {
				return err
			}
			got := make([]byte, len(msg))
			if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, msg) {
				return fmt.Errorf("round trip %d: got %q, %v; want %q", k, got, err, msg)
			}
		}
		return nil
	})
}

// TestBusyRecvTakesLeftover: a receive made while the loop has other tasks
// to run (a reply queued: the worker path of poll.go) must first return
// what an earlier recvline left buffered, not wait for the kernel.
func TestBusyRecvTakesLeftover(t *testing.T) {
	addr, conns := goListener(t)
	output := goLua(t, `
			local c = assert(net.connect("`+addr+`"))
			c:send("x")
			print(c:recvline(5))
			c:send("y")
			spawn(function() end)                  -- a task ready to run: the loop is busy
			print(c:recv(10, 2))`)
	c := accepted(t, conns)
	peerReads(t, c, "x")
	c.Write([]byte("line\nrest"))
	if out := output(); out != "line\nrest\n" {
		t.Errorf("output %q, want the leftover at once", out)
	}
}

// TestReplyGoesOutWhenTheRunEnds: a reply gathered for a worker (the loop
// busy: the main chunk ready) goes out when the main chunk then ends the
// run in the same turn of the loop, at once and not after the flush bound.
func TestReplyGoesOutWhenTheRunEnds(t *testing.T) {
	addr, conns := goListener(t)
	ended := make(chan error, 1)
	go func() {
		_, _, err := runLua(t, `
			local c = assert(net.connect("`+addr+`"))
			local q = queue()
			spawn(function()
				local d = c:recv()
				q:push(1)                -- the main chunk is ready: the loop is busy
				c:send("echo:" .. d)
				c:recv()                 -- waits on the poller, the reply handed on
			end)
			q:pop()
			error("the end")`, Options{FlushTimeout: 20 * time.Second})
		ended <- err
	}()
	c := accepted(t, conns)
	c.Write([]byte("hi"))
	peerReads(t, c, "echo:hi")
	select {
	case err := <-ended:
		if err == nil || !strings.Contains(err.Error(), "the end") {
			t.Errorf("run ended with %v, want the main chunk's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the run did not end")
	}
}

// goLua runs code as mustLua does, in the background; the function it
// returns waits (at most 30 s) for the script's output.
func goLua(t *testing.T, code string) func() string {
	done := make(chan string, 1)
	go func() { done <- mustLua(t, code) }()
	return func() string {
		t.Helper()
		select {
		case out := <-done:
			return out
		case <-time.After(30 * time.Second):
			t.Fatal("script did not end")
			return ""
		}
	}
}

// peerReads reads len(want) bytes from c (within 10 s) and fails unless
// they are want.
func peerReads(t *testing.T, c net.Conn, want string) {
	t.Helper()
	buf := make([]byte, len(want))
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := io.ReadFull(c, buf); err != nil || string(buf[:n]) != want {
		t.Fatalf("peer read %q, %v; want %q", buf[:n], err, want)
	}
}

// TestPolledRecvClosedFromOutside: a socket of the script closed by
// someone else (the shell's `close N`, through the shared table) must end
// the receive waiting on it, which the kernel does not tell the poller.
func TestPolledRecvClosedFromOutside(t *testing.T) {
	addr, conns := goListener(t)
	tab := netops.NewTable()
	out, done := startLua(t, `
			local c = assert(net.connect("`+addr+`"))
			print("waiting")
			print("got", c:recv(10))`, Options{Table: tab})
	accepted(t, conns)
	out.wait(t, "waiting", 5*time.Second)
	for _, s := range tab.List() { // before or after the receive parks: either way it must end
		s.Close()
	}
	select {
	case err := <-done:
		if err != nil || !strings.Contains(out.String(), "got\tnil\tclosed") {
			t.Errorf("run: %v, output %q", err, out.String())
		}
	case <-time.After(5 * time.Second):
		t.Errorf("the receive still waits 5 s after its socket was closed: %q", out.String())
	}
}

// TestWatchedRecvReadsWhatNoEdgeAnnounces: the poller tells of arrivals,
// not of what is there. A receive whose read filled its buffer, and one
// after a recvline that a worker made (reading past the line), must read
// before they wait, also when the loop is busy (a reply queued, another
// task ready); otherwise they would wait for an arrival that never comes.
func TestWatchedRecvReadsWhatNoEdgeAnnounces(t *testing.T) {
	addr, conns := goListener(t)
	output := goLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local got = {}
		got[1] = assert(c:recv(5, 5))             -- waits: the peer sends 20 bytes at once
		for i = 2, 4 do
			c:send("a")                           -- a reply queued ...
			spawn(function() end)                 -- ... and the loop busy
			got[i] = assert(c:recv(5, 2))
		end
		print(table.concat(got, " "))
		print(assert(c:recvline(5)))              -- on a worker, which reads more than the line
		local n = 0
		while n < 100000 do
			c:send("b")
			spawn(function() end)
			n = n + #assert(c:recv(65536, 2))
		end
		print(n)`)
	c := accepted(t, conns)
	time.Sleep(20 * time.Millisecond) // pacing: let the first receive wait (it must work either way)
	c.Write([]byte("abcdefghijklmnopqrst"))
	peerReads(t, c, "aaa") // nothing more arrives before the three receives have read
	c.Write(append([]byte("line\n"), bytes.Repeat([]byte("z"), 100000)...))
	want := "abcde fghij klmno pqrst\nline\n100000\n"
	if out := output(); out != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// TestWatchedRecvSeesEndWithLastData: the peer's last bytes and its end of
// stream (or a reset) arrive while the loop is busy, so the poller reports
// them as one edge. The read for the waiting receive takes the bytes and
// comes back short; the next receive, made while the loop is busy again,
// must still hear of the end, which no further edge announces.
func TestWatchedRecvSeesEndWithLastData(t *testing.T) {
	for _, end := range []string{"close", "reset"} {
		t.Run(end, func(t *testing.T) {
			addr, conns := goListener(t)
			out, done := startLua(t, `
				local c = assert(net.connect("`+addr+`"))
				spawn(function()
					print("spinning")
					local t0 = os.clock()
					while os.clock() - t0 < 0.4 do end   -- the loop polls nothing meanwhile
				end)
				local got = assert(c:recv(100, 5))      -- waits on the poller
				c:send("x")
				spawn(function() end)                   -- the loop is busy
				print("second", got, c:recv(100, 3))`, Options{})
			c := accepted(t, conns).(*net.TCPConn)
			out.wait(t, "spinning", 5*time.Second)
			c.Write([]byte("hello"))
			if end == "close" {
				c.CloseWrite() // (the peer still reads: the reply brings no reset)
			} else {
				c.SetLinger(0)
				c.Close()
			}
			select {
			case err := <-done:
				if err != nil || !regexp.MustCompile(`second\thello\tnil\t(closed|reset)`).MatchString(out.String()) {
					t.Errorf("run: %v, output %q", err, out.String())
				}
			case <-time.After(10 * time.Second):
				t.Errorf("the second receive still waits: %q", out.String())
			}
		})
	}
}

// startLua runs code in the background (for at most 20 s), its output in
// a lineBuf.
func startLua(t *testing.T, code string, o Options) (*lineBuf, <-chan error) {
	out := newLineBuf()
	o.Stdout, o.Stderr = out, out
	done := make(chan error, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	go func() { done <- RunString(ctx, "t.lua", code, o) }()
	return out, done
}
