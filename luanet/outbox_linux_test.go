package luanet

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/socklab/socklab/netops"
)

// TestOutboxNotHeldByABlockedSend: the replies the loop gathers go out one
// after the other on one worker (writer.go, sendOutbox). A send from
// outside the script (the shell's `send N`, through the shared table) to a
// peer that does not read holds its connection's send side; the reply of
// that connection's handler must then wait alone, not hold up the replies
// of the other clients gathered after it in the same batch ("a peer that
// never reads blocks only the send to it, never the others").
func TestOutboxNotHeldByABlockedSend(t *testing.T) {
	const n = 6
	tab := netops.NewTable()
	out, done := startLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		print(("listening on %s:%d"):format(l:localaddr()))
		local arrived, gates = queue(), {}
		for i = 1, `+strconv.Itoa(n)+` do
			local c = assert(l:accept())
			local gate = queue()
			gates[i] = gate
			print("conn", i, c.id)
			spawn(function()
				local d = assert(c:recv())
				arrived:push(1)
				gate:pop()                -- all wake in order: the loop is busy
				c:send("re:" .. d)
				c:recv()                  -- waits on the poller, its reply gathered
			end)
		end
		for i = 1, #gates do arrived:pop() end
		for i = 1, #gates do gates[i]:push(1) end
		sleep(3600)`, Options{Table: tab})
	addr := out.wait(t, `listening on (\S+)`, 5*time.Second)
	peers := make([]net.Conn, n)
	var stuckID int
	for i := range peers {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		peers[i] = c
		id := out.wait(t, fmt.Sprintf(`conn\t%d\t(\d+)`, i+1), 5*time.Second)
		if i == 0 {
			stuckID, _ = strconv.Atoi(id)
		}
	}
	// The shell sends more than the buffers hold to the first client,
	// which never reads: the send blocks, holding that connection.
	blockSend(t, tab, stuckID, peers[0])
	for _, c := range peers {
		if _, err := c.Write([]byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range peers[1:] {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		buf := make([]byte, 4)
		if _, err := c.Read(buf); err != nil || string(buf) != "re:x" {
			t.Fatalf("client %d: read %q, %v; its reply waits behind the blocked send", i+2, buf, err)
		}
	}
	select {
	case err := <-done:
		t.Fatalf("the script ended: %v\n%s", err, out.String())
	default:
	}
}

// blockSend starts, as the shell would, a send of more than the buffers
// hold on socket id, whose peer never reads: the send blocks, holding the
// connection. It returns once bytes wait in peer's receive queue; the
// test's end ends the send and closes the socket.
func blockSend(t *testing.T, tab *netops.Table, id int, peer net.Conn) {
	t.Helper()
	ns, err := tab.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	shellDone := make(chan struct{})
	go func() {
		defer close(shellDone)
		ns.Send(ctx, make([]byte, 64<<20), 0)
	}()
	t.Cleanup(func() { cancel(); ns.Close(); <-shellDone })
	waitInQueue(t, peer)
}

// waitInQueue waits (at most 5 s) until bytes wait in c's receive queue.
func waitInQueue(t *testing.T, c net.Conn) {
	t.Helper()
	rc, err := c.(syscall.Conn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(5 * time.Second)
	for {
		var q int
		rc.Control(func(fd uintptr) { q, _ = unix.IoctlGetInt(int(fd), unix.SIOCINQ) })
		if q > 0 {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatal("the shell's send did not start")
		}
	}
}

// TestLoopNotHeldByABlockedSend: with nothing else to run, the loop writes
// a handler's reply itself, without waiting (poll.go). When a send from
// outside the script holds the connection (the peer does not read), the
// reply must go to a writer goroutine: the loop, and every other client of
// the script, must not wait for that send.
func TestLoopNotHeldByABlockedSend(t *testing.T) {
	tab := netops.NewTable()
	out, _ := startLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		print(("listening on %s:%d"):format(l:localaddr()))
		local stuck = assert(l:accept())
		print("stuck", stuck.id)
		local other = assert(l:accept())
		spawn(function()
			while true do
				local d = other:recv()
				if not d then break end
				other:send(d)
			end
		end)
		local d = assert(stuck:recv())
		print("replying")
		stuck:send("re:" .. d)
		stuck:recv()                      -- the loop writes the reply: nothing else is ready`, Options{Table: tab})
	addr := out.wait(t, `listening on (\S+)`, 5*time.Second)
	stuck, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer stuck.Close()
	id, _ := strconv.Atoi(out.wait(t, `stuck\t(\d+)`, 5*time.Second))
	other, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	blockSend(t, tab, id, stuck)
	stuck.Write([]byte("x"))
	out.wait(t, "replying", 5*time.Second)
	other.Write([]byte("ping"))
	other.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 4)
	if _, err := other.Read(buf); err != nil || string(buf) != "ping" {
		t.Fatalf("other client: read %q, %v; the loop waits for the blocked send", buf, err)
	}
}

// TestReplyNotHeldByABusyTask: a reply gathered in the loop's outbox (the
// loop busy: another task ready) must leave while that other task runs,
// even for long (a computation, os.execute, a print to a stalled
// terminal), as it did when each reply went to a worker at once: the
// handler has sent it and waits for the next request.
func TestReplyNotHeldByABusyTask(t *testing.T) {
	addr, conns := goListener(t)
	out, _ := startLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local q = queue()
		spawn(function()
			local d = c:recv()
			q:push(1)                  -- the main chunk is ready: the loop is busy
			c:send("echo:" .. d)
			c:recv()                   -- waits on the poller, its reply gathered
		end)
		q:pop()
		local t0 = os.clock()
		while os.clock() - t0 < 4 do end   -- a task that computes for long
		print("computed")
		sleep(3600)`, Options{})
	c := accepted(t, conns)
	c.Write([]byte("hi"))
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 7)
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "echo:hi" {
		t.Fatalf("read %q, %v", buf, err)
	}
	if strings.Contains(out.String(), "computed") {
		t.Fatal("the reply waited until the other task stopped computing")
	}
}
