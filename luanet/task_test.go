package luanet

import (
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// goListener is a Go peer on 127.0.0.1:0; accepted connections come out of
// the channel.
func goListener(t *testing.T) (string, <-chan net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(ch)
				return
			}
			ch <- c
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		for c := range ch {
			c.Close()
		}
	})
	return ln.Addr().String(), ch
}

func accepted(t *testing.T, ch <-chan net.Conn) net.Conn {
	t.Helper()
	select {
	case c := <-ch:
		t.Cleanup(func() { c.Close() })
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no connection came")
	}
	return nil
}

// mustLua runs code and fails the test on an error; it returns the output.
func mustLua(t *testing.T, code string) string {
	t.Helper()
	out, errs, err := runLua(t, code, Options{})
	if err != nil {
		t.Fatalf("%v\noutput:\n%s\nstderr:\n%s", err, out, errs)
	}
	return out
}

func TestTaskJoin(t *testing.T) {
	out, errs, err := runLua(t, `
		local t = spawn(function(a, b) sleep(0.01) return a + b, "sum", nil end, 1, 2)
		print(t:status())                       -- not started yet
		print(t:join())
		print(select("#", t:join()))            -- true and three results, nil included
		print(t:status())
		local bad = spawn(function() sleep(0) error("broke", 0) end)
		print(bad:join())
		print(bad:status())
		local slow = spawn(function() sleep(3600) end)
		print(slow:join(0.02))
		print(slow:join(0))
		print(slow:status())
		print(slow:cancel(), slow:cancel())
		print(slow:join(), slow:status())
		local quick = spawn(function() return "at once" end)
		print(quick:join(0))                    -- not run yet: join(0) does not wait
		print(quick:join())
		print(tostring(quick):match("^task %d+ %(spawned at test.lua:%d+%)$") ~= nil)
		print(pcall(t.join))`, Options{})
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, errs)
	}
	want := "ready\ntrue\t3\tsum\tnil\n4\ndone\nnil\tbroke\nfailed\nnil\ttimeout\nnil\ttimeout\nwaiting\n" +
		"true\tfalse\nnil\tcanceled\nnil\ttimeout\ntrue\tat once\ntrue\n" +
		"false\ttest.lua:20: bad self to 'join' (task expected, got nil): call it as t:join(...)\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if !strings.Contains(errs, "broke") {
		t.Errorf("a failed task is still reported: %q", errs)
	}
}

func TestTaskMisuse(t *testing.T) {
	for _, tc := range []struct{ code, err string }{
		{`local t; t = spawn(function() sleep(0) t:join() end) sleep(0.05) print(t:join())`, "nil\ttest.lua:1: a task cannot join itself"},
		{`local t; t = spawn(function() sleep(0) t:cancel() end) sleep(0.05) print(t:join())`, "nil\ttest.lua:1: a task cannot cancel itself"},
	} {
		out := mustLua(t, tc.code)
		if !strings.HasPrefix(out, tc.err) {
			t.Errorf("%s: output %q, want %q...", tc.code, out, tc.err)
		}
	}
}

// TestTaskCancelWhileParked cancels tasks parked in a receive on a real
// connection, a sleep and a queue pop: each ends at once, its join says
// "canceled", and the connection it used is closed (the peer reads the
// end of the stream).
func TestTaskCancelWhileParked(t *testing.T) {
	addr, conns := goListener(t)
	done := make(chan string, 1)
	go func() {
		done <- mustLua(t, `
			local c = assert(net.connect("`+addr+`"))
			local q = queue()
			local r = spawn(function() return c:recv() end)
			local s = spawn(function() sleep(3600) end)
			local p = spawn(function() return q:pop() end)
			sleep(0.05)
			print(r:status(), s:status(), p:status())
			local t0 = now()
			print(r:cancel(), s:cancel(), p:cancel())
			print(r:join(), s:join())
			print(p:join())
			print(r:status(), now() - t0 < 1)
			q:push("later")
			print(q:pop(0))                        -- the canceled pop did not take it
			print(c:recv())                        -- the task's socket was closed`)
	}()
	c := accepted(t, conns)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("peer read %d, %v; want EOF: a canceled task's connection is closed", n, err)
	}
	var out string
	select {
	case out = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("script did not end")
	}
	want := "waiting\twaiting\twaiting\ntrue\ttrue\ttrue\nnil\tnil\tcanceled\nnil\tcanceled\ncanceled\ttrue\nlater\nnil\tclosed\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

func TestQueue(t *testing.T) {
	out := mustLua(t, `
		local q = queue(2)
		print(q:push(1), q:push(2), q:len())
		print(q:push(3, 0))                      -- full: 0 does not wait
		print(q:push(3, 0.02))                   -- full: waits, then gives up
		local pusher = spawn(function() return q:push(3), q:push(4) end)
		sleep(0.01)
		print(pusher:status(), q:len())          -- push waits while full
		print(q:pop(), q:pop(), q:pop(), q:pop()) -- the waiting values come in order
		print(pusher:join())
		print(q:pop(0))
		print(q:pop(0.02))
		-- a pop that waits gets the next push
		local popper = spawn(function() return q:pop(5) end)
		sleep(0.01)
		q:push("hello")
		print(popper:join())
		-- close wakes a waiting pop; what is queued still comes out first
		local w = spawn(function() return q:pop() end)
		sleep(0.01)
		print(q:close(), w:join())
		local q2 = queue()
		q2:push("a") q2:push(false) q2:close()
		print(q2:pop(), q2:pop(), q2:pop())
		print(q2:push("b"))
		print(pcall(q2.push, q2, nil))
		print(pcall(queue, 0))
		-- a queue of capacity 1 as a lock: two tasks never overlap
		local lock, inside, worst = queue(1), 0, 0
		local ts = {}
		for i = 1, 5 do
			ts[i] = spawn(function()
				for j = 1, 3 do
					lock:push(true)
					inside = inside + 1
					worst = math.max(worst, inside)
					sleep(0.001)
					inside = inside - 1
					lock:pop()
				end
			end)
		end
		for i = 1, 5 do ts[i]:join() end
		print("most inside at once", worst)`)
	want := "true\ttrue\t2\nnil\ttimeout\nnil\ttimeout\nwaiting\t2\n1\t2\t3\t4\ntrue\ttrue\ttrue\nnil\ttimeout\nnil\ttimeout\n" +
		"true\thello\ntrue\ttrue\tnil\tclosed\na\tfalse\tnil\tclosed\nnil\tclosed\n" +
		"false\ttest.lua:26: a queue cannot hold nil (pop returns nil only with a reason): push false or a table instead\n" +
		"false\ttest.lua:27: bad argument #1 to 'queue' (capacity must be a whole number from 1 to 1073741824, got 0)\n" +
		"most inside at once\t1\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestQueueManyWaiters has 2000 tasks wait on one queue with timeouts that
// pass, then again without: every pop completes exactly once.
func TestQueueManyWaiters(t *testing.T) {
	out := mustLua(t, `
		local q = queue()
		local ts = {}
		for i = 1, 2000 do ts[i] = spawn(function() local v, e = q:pop(0.01) return v or e end) end
		local timeouts = 0
		for i = 1, 2000 do local _, r = ts[i]:join() if r == "timeout" then timeouts = timeouts + 1 end end
		for i = 1, 2000 do ts[i] = spawn(function() return q:pop() end) end
		sleep(0.01)
		for i = 1, 2000 do q:push(i) end
		local sum = 0
		for i = 1, 2000 do local _, v = ts[i]:join() sum = sum + v end
		print(timeouts, sum, q:len())`)
	if out != "2000\t2001000\t0\n" {
		t.Errorf("output %q", out)
	}
}

// TestRepeatedTimedWaits: waits that time out again and again on a full
// queue, an empty one and a running task (their wait lists are pruned as
// they grow) each time out, and leave the queues as they were.
func TestRepeatedTimedWaits(t *testing.T) {
	out := mustLua(t, `
		local full, empty = queue(1), queue()
		full:push(1)
		local long = spawn(function() sleep(3600) end)
		local timeouts = 0
		for i = 1, 3000 do
			if select(2, full:push(i, 0.000001)) == "timeout" then timeouts = timeouts + 1 end
			if select(2, empty:pop(0.000001)) == "timeout" then timeouts = timeouts + 1 end
			if select(2, long:join(0.000001)) == "timeout" then timeouts = timeouts + 1 end
		end
		long:cancel()
		print(timeouts, full:len(), full:pop(), empty:len())`)
	if out != "9000\t1\t1\t0\n" {
		t.Errorf("output %q", out)
	}
}

// TestDeadlock: when every task waits on a queue or a join with no
// timeout, nothing can wake them and the script ends with an error
// instead of hanging; a task that waits on a socket or a sleep is not
// stuck in that sense.
func TestDeadlock(t *testing.T) {
	for _, tc := range []struct{ code, out, err string }{
		{`local q = queue() local t = spawn(function() return q:pop() end) print(t:join())`, "", "(deadlock)"},
		{`local a, b
		  a = spawn(function() sleep(0) return b:join() end)
		  b = spawn(function() sleep(0) return a:join() end)
		  print(a:join())`, "", "(deadlock)"},
		{`local q = queue(1) q:push(1) q:push(2)`, "", "(deadlock)"},
		{`local q = queue()
		  spawn(function() sleep(0.02) q:push("late") end)
		  print(q:pop())`, "late\n", ""},
		{`local q = queue()
		  local l = assert(net.listen("tcp", "127.0.0.1:0"))
		  local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		  local s = assert(l:accept())
		  spawn(function() q:push(c:recv()) end)
		  spawn(function() sleep(0.02) s:send("via socket") end)
		  print(q:pop())`, "via socket\n", ""},
	} {
		out, _, err := runLua(t, tc.code, Options{})
		if out != tc.out || (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s:\noutput %q, error %v; want %q, %q", tc.code, out, err, tc.out, tc.err)
		}
	}
}

// TestQueueCancelAfterHandOver: a push hands its value straight to a
// waiting pop; when that task is canceled before it runs, the value is not
// lost: it goes to the next waiting pop (here a worker that sends it to a
// Go peer) or back to the queue.
func TestQueueCancelAfterHandOver(t *testing.T) {
	addr, ch := goListener(t)
	out := mustLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local q = queue()
		local first = spawn(function() return q:pop() end)
		local second = spawn(function() local v = q:pop() c:sendline(v) return v end)
		sleep(0.01)                              -- both wait; first is the next to get a value
		print(q:push("job 1"))
		print(first:cancel(), first:join())
		print(second:join(5))
		local third = spawn(function() return q:pop() end)
		sleep(0.01)
		q:push("job 2")
		third:cancel()                           -- no one else waits: back to the queue
		print(q:len(), q:pop(0))
		c:close()`)
	want := "true\ntrue\tnil\tcanceled\ntrue\tjob 1\n1\tjob 2\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	got, _ := io.ReadAll(accepted(t, ch))
	if string(got) != "job 1\n" {
		t.Errorf("the peer got %q, want %q", got, "job 1\n")
	}
}

// TestJoinErrorValue: join returns the value a task raised, as pcall and
// coroutine.resume do: a table keeps its fields (here a protocol error
// built from what a Go peer sent); a string error keeps its position.
func TestJoinErrorValue(t *testing.T) {
	addr, ch := goListener(t)
	go func() {
		if c, ok := <-ch; ok {
			c.Write([]byte("ERR 42\n"))
			io.Copy(io.Discard, c)
			c.Close()
		}
	}()
	out := mustLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local t = spawn(function()
			local code = c:recvline(5):match("^ERR (%d+)$")
			error({code = tonumber(code)})
		end)
		local ok, err = t:join()
		print(ok, type(err), err.code)
		print(spawn(function() sleep(0) error("plain") end):join())`)
	want := "nil\ttable\t42\nnil\ttest.lua:9: plain\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestNoEmptyTraceback: an error raised where no script frame is left (a
// task whose function is the blocking call itself) is printed without a
// "stack traceback:" heading that has nothing under it.
func TestNoEmptyTraceback(t *testing.T) {
	addr, _ := goListener(t)
	out, errs, err := runLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local bad = spawn(c.recv, c, "x")
		print(bad:join())`, Options{})
	if err != nil || out != "nil\ttest.lua:3: bad argument #1 to 'recv' (number expected, got string)\n" {
		t.Errorf("output %q, error %v", out, err)
	}
	if strings.HasSuffix(strings.TrimSpace(errs), "stack traceback:") {
		t.Errorf("an empty traceback was printed:\n%s", errs)
	}
}

// TestStatusOfWokenTask: a task whose wait has ended but that has not run
// since (a value was pushed to its pop, the task it joins ended) is
// "ready", not "waiting": it runs at the loop's next turn; cancel then ends
// it and the value it was handed goes back to the queue.
func TestStatusOfWokenTask(t *testing.T) {
	out := mustLua(t, `
		local q = queue()
		local popper = spawn(function() return q:pop() end)
		local target = spawn(function() sleep(3600) end)
		local joiner = spawn(function() return target:join() end)
		sleep(0)
		print(popper:status(), joiner:status())
		q:push("v")
		print(popper:status())
		print(popper:join())
		target:cancel()
		print(joiner:status())
		print(joiner:join())
		local late = spawn(function() return q:pop() end)
		sleep(0)
		q:push("x")
		print(late:status(), late:cancel(), late:join())
		print(q:len(), q:pop(0))`)
	want := "waiting\twaiting\nready\ntrue\tv\nready\ntrue\tnil\tcanceled\n" +
		"ready\ttrue\tnil\tcanceled\n1\tx\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestTailCallPosition: a blocking call in a tail call (return c:recv(...))
// leaves no frame of the function that made it (Lua reuses it), so its
// error names the line of the call below: the call of that function, the
// pcall, or, for a task's own function, the spawn; the traceback marks the
// dropped frame "(tail call)", as lua 5.1 does.
func TestTailCallPosition(t *testing.T) {
	addr, _ := goListener(t)
	out, errs, err := runLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local function f(c) return c:recv(5, "x") end
		local own = spawn(function() return c:recv("x") end)
		print(own:join())
		print(pcall(f, c))
		local inner = spawn(function()
			f(c)
		end)
		print(inner:join())
		f(c)`, Options{})
	want := "nil\ttest.lua:4: bad argument #1 to 'recv' (number expected, got string)\n" +
		"false\ttest.lua:6: bad argument #2 to 'recv' (timeout in seconds (number) expected, got string)\n" +
		"nil\ttest.lua:8: bad argument #2 to 'recv' (timeout in seconds (number) expected, got string)\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if err == nil || err.Error() != "test.lua:11: bad argument #2 to 'recv' (timeout in seconds (number) expected, got string)" {
		t.Errorf("the main chunk's error: %v", err)
	}
	var se *ScriptError
	if !errors.As(err, &se) || !strings.Contains(se.Traceback, "(tail call): ?\n\ttest.lua:11: in ") {
		t.Errorf("the main chunk's traceback does not mark the tail call:\n%+v", se)
	}
	if !strings.Contains(errs, "(task 3, spawned at test.lua:7): this handler ended, the others go on\n  stack traceback:\n  \t(tail call): ?\n  \ttest.lua:8: in ") {
		t.Errorf("the task's traceback does not mark the tail call:\n%s", errs)
	}
}
