package luanet

import (
	"testing"
	"time"
)

// TestPolledRecv covers a receive that waits on the poller: a timeout
// leaves later data for the next receive, a close by another task wakes
// it, and a second task receiving on the same connection still gets its
// data.
func TestPolledRecv(t *testing.T) {
	addr, conns := goListener(t)
	done := make(chan string, 1)
	go func() {
		done <- mustLua(t, `
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
	}()
	c := accepted(t, conns)
	buf := make([]byte, 16)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := c.Read(buf); err != nil || string(buf[:n]) != "go" {
		t.Fatalf("peer read %q, %v", buf[:n], err)
	}
	c.Write([]byte("late"))
	if n, err := c.Read(buf); err != nil || string(buf[:n]) != "more" {
		t.Fatalf("peer read %q, %v", buf[:n], err)
	}
	c.Write([]byte("one"))
	time.Sleep(20 * time.Millisecond) // two separate chunks for the two tasks (pacing, not synchronisation)
	c.Write([]byte("two"))
	select {
	case out := <-done:
		want := "nil\ttimeout\nlate\nwaiting\twaiting\none two\ntrue\tnil\tclosed\n"
		if out != want {
			t.Errorf("output:\n%s\nwant:\n%s", out, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("script did not end")
	}
}

// TestRecvWhileAnotherReceiveHoldsTheSocket: a recvline waiting on a
// worker holds the socket's receive side; a recv on the same socket must
// then wait on a worker too, never on the loop (which would stop every
// task).
func TestRecvWhileAnotherReceiveHoldsTheSocket(t *testing.T) {
	addr, conns := goListener(t)
	done := make(chan string, 1)
	go func() {
		done <- mustLua(t, `
			local c = assert(net.connect("`+addr+`"))
			local a = spawn(function() return c:recvline(10) end)
			sleep(0.01)
			local b = spawn(function() return c:recv(10, 10) end)
			sleep(0.01)
			print("alive")
			c:send("ready")
			print(a:join(10))
			print(b:join(10))`)
	}()
	c := accepted(t, conns)
	buf := make([]byte, 16)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := c.Read(buf); err != nil || string(buf[:n]) != "ready" {
		t.Fatalf("peer read %q, %v: the loop is stuck", buf[:n], err)
	}
	c.Write([]byte("line\n"))
	time.Sleep(20 * time.Millisecond) // pacing
	c.Write([]byte("rest"))
	select {
	case out := <-done:
		if out != "alive\ntrue\tline\ntrue\trest\n" {
			t.Errorf("output %q", out)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("script did not end")
	}
}
