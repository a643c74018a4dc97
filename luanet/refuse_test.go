package luanet

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// A blocking call refused where Lua cannot yield must be refused before it
// has any effect: these tests check that queued sends still leave, that
// no line is consumed by a refused receive, and that the script ends.

// TestRefusedRecvKeepsQueuedSend: a recvline refused inside a gsub
// callback must not take the connection's queued bytes with it.
func TestRefusedRecvKeepsQueuedSend(t *testing.T) {
	out, errs, err := runLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		local s = l:accept()
		c:send("queued\n")
		print(pcall(function() return ("x"):gsub("x", function() return c:recvline(1) end) end))
		print("server side got:", s:recvline(2))
		c:send("later\n")
		print("and then:", s:recvline(2))`, Options{})
	if err != nil {
		t.Fatalf("err %v; out %.300q errs %.300q", err, out, errs)
	}
	l := lines(out)
	if len(l) != 3 || !strings.HasPrefix(l[0], "false\ttest.lua:6: recvline: cannot block inside") ||
		l[1] != "server side got:\tqueued" || l[2] != "and then:\tlater" {
		t.Fatalf("out %q", out)
	}
}

// TestRefusedSendQueuesNothing: a send that would have to wait (its queue
// is full) refused inside a sort callback queues none of its bytes.
func TestRefusedSendQueuesNothing(t *testing.T) {
	out, errs, err := runLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		local s = l:accept()
		assert(c:setoption("sndbuf", 4096)) -- the queue, not the kernel, holds what waits
		local big = ("b"):rep(300 * 1024 - 1) .. "\n"
		print(pcall(table.sort, {3, 1, 2}, function(a, b) c:send(big) return a < b end))
		local reader = spawn(function()
			local first, second = s:recvline(5), s:recvline(5)
			print("got", first and #first, second)
		end)
		c:send("end\n") -- waits for the reader to take the first line
		reader:join()`, Options{})
	if err != nil {
		t.Fatalf("err %v; out %.300q errs %.300q", err, out, errs)
	}
	l := lines(out)
	if len(l) != 2 || !strings.HasPrefix(l[0], "false\ttest.lua:7: send: cannot block inside") || l[1] != "got\t307199\tend" {
		t.Fatalf("out %.300q", out)
	}
}

// TestRefusedRecvInIteratorLosesNothing: a recvline inside the script's
// own coroutine (or a pcall) run by a for-in iterator is refused before
// any receive starts, so the next recvline gets the next line.
func TestRefusedRecvInIteratorLosesNothing(t *testing.T) {
	for _, iter := range []string{
		`coroutine.wrap(function() coroutine.yield(c:recvline(2)) end)`,
		`function() local ok, v = pcall(c.recvline, c, 2) if not ok then error(v, 0) end return v end`,
	} {
		for range 5 { // the loss depended on which receive took the lock first
			out, errs, err := runLua(t, `
				local l = assert(net.listen("tcp", "127.0.0.1:0"))
				local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
				local s = l:accept()
				s:send("one\ntwo\nthree\n")
				print(c:recvline(2))
				print(pcall(function() for line in `+iter+` do print("iter", line) end end))
				print(c:recvline(2))
				print(c:recvline(2))`, Options{})
			l := lines(out)
			if err != nil || len(l) != 4 || l[0] != "one" || !strings.Contains(l[1], "cannot block inside") ||
				!strings.HasPrefix(l[1], "false\ttest.lua:") || l[2] != "two" || l[3] != "three" {
				t.Fatalf("iterator %s: err %v; out %q errs %q", iter, err, out, errs)
			}
		}
	}
}

// TestStopAfterRefusedRecv: after a refused receive the script still
// stops at once when its context ends (it waited for ever on a writer
// that never ran).
func TestStopAfterRefusedRecv(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := newLineBuf()
	done := make(chan error, 1)
	go func() {
		done <- RunString(ctx, "stop.lua", `
			local l = assert(net.listen("tcp", "127.0.0.1:0"))
			local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
			local s = l:accept()
			c:send("queued\n")
			pcall(string.gsub, "x", "x", function() return c:recvline(1) end)
			print("waiting")
			sleep(3600)`, Options{Stdout: out, Stderr: out})
	}()
	out.wait(t, "waiting", 5*time.Second)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the script did not stop within 2 s of its cancel")
	}
}
