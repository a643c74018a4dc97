package luanet

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// startLimited starts code in a child (see runLimited) limited to asMiB
// of address space; the test ends it. Its output goes to the lineBuf.
func startLimited(t *testing.T, asMiB int, code string) (*exec.Cmd, *lineBuf, chan error) {
	t.Helper()
	needPrlimit(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	cmd := exec.CommandContext(ctx, "prlimit", fmt.Sprintf("--as=%d", asMiB<<20), "--",
		os.Args[0], "-test.run=^TestLimitedChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childCodeEnv+"="+code)
	out := newLineBuf()
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	exited := make(chan struct{})
	go func() { done <- cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cancel()
		<-exited
	})
	return cmd, out, done
}

// TestUnfinishedLinesBounded: 1000 clients each send 1 MiB - 1 bytes of a
// line they never finish to a recvline server. That took 1.75 GB; under a
// 1800 MiB address-space limit (Go itself reserves about 1 GiB) the run's
// budget must hold, the clients past it get nil, "memory", and a client
// that sends a short line is still served.
func TestUnfinishedLinesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 1 GB over the loopback")
	}
	_, out, done := startLimited(t, 2500, `
local l = assert(net.listen("tcp", "127.0.0.1:0", {max_clients = 5000}))
print("listening on " .. table.concat({l:localaddr()}, ":"))
local failed = 0
while true do
  local c = l:accept()
  spawn(function()
    while true do
      local line, err = c:recvline()
      if not line then
        if err == "memory" then failed = failed + 1 end
        c:close()
        return
      end
      if line == "stop" then
        local limit, used = net.memory()
        print("failed", failed, "limit", limit, "used", used)
        os.exit(0)
      end
      c:sendline(line)
    end
  end)
end`)
	addr := out.wait(t, `listening on (\S+:\d+)`, 20*time.Second)
	const n = 1000
	chunk := []byte(strings.Repeat("x", 1<<20-1))
	var wg sync.WaitGroup
	conns := make([]net.Conn, n)
	for i := range conns {
		c, err := dialRetry(addr)
		if err != nil {
			t.Fatalf("client %d: %v; output:\n%.3000s", i, err, out)
		}
		conns[i] = c
		defer c.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.SetWriteDeadline(time.Now().Add(60 * time.Second))
			c.Write(chunk) // fails once the server closes the connection
		}()
	}
	wg.Wait()
	select {
	case err := <-done:
		t.Fatalf("the script died (%v):\n%.2000s", err, out)
	default:
	}
	good := func(line string) string {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(c, "%s\n", line)
		got, _ := bufio.NewReader(c).ReadString('\n')
		return got
	}
	if got := good("hello"); got != "hello\n" {
		t.Fatalf("a well-behaved client got %q; output:\n%.2000s", got, out)
	}
	good("stop")
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the script failed (%v):\n%.2000s", err, out)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the script did not end")
	}
	f := strings.Fields(out.wait(t, `failed\t\d+\tlimit\t\d+\tused\t\d+`, time.Second))
	failed, _ := strconv.Atoi(f[1])
	if failed == 0 {
		t.Errorf("no client was refused with \"memory\": %q", f)
	}
	t.Logf("%d of %d clients refused with \"memory\"; %s", failed, n, f)
}

// dialRetry connects to addr, again while the server's accept queue
// overflows (it refuses then), for at most 10 s.
func dialRetry(addr string) (net.Conn, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err == nil || time.Now().After(deadline) {
			return c, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBudgetHoldsBackNonReaders: clients that send and never read hold
// an echo server's queued sends to the run's budget (one send each at
// most beyond it), and a client that reads is still served.
func TestBudgetHoldsBackNonReaders(t *testing.T) {
	s := startFile(t, writeScript(t, "echo.lua", `
assert(net.memory(1048576) == 1048576)
local l = assert(net.listen("tcp", "127.0.0.1:0", {max_clients = 5000}))
local ctl = assert(net.listen("tcp", "127.0.0.1:0"))
print("listening on " .. table.concat({l:localaddr()}, ":") .. " control " .. table.concat({ctl:localaddr()}, ":"))
spawn(function()
  while true do
    local c = ctl:accept()
    c:sendline(table.concat({net.memory()}, " "))
    c:close()
  end
end)
while true do
  local c = l:accept()
  assert(c:setoption("sndbuf", 4096)) -- the queue, not the kernel, holds what waits
  spawn(function()
    while true do
      local d = c:recv(1024)
      if not d then break end
      c:send(d)
    end
    c:close()
  end)
end`), nil)
	m := s.out.wait(t, `listening on (\S+:\d+ control \S+:\d+)`, 5*time.Second)
	addr, ctl, _ := strings.Cut(m, " control ")
	stats := func() (limit, used int) {
		c, err := net.DialTimeout("tcp", ctl, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		b, _ := io.ReadAll(c)
		fmt.Sscan(string(b), &limit, &used)
		return
	}
	const n = 40
	data := make([]byte, 1<<20)
	for range n {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.(*net.TCPConn).SetReadBuffer(4096) // hold the server back at once
		go func() {
			c.SetWriteDeadline(time.Now().Add(30 * time.Second))
			c.Write(data)
		}()
	}
	// Wait (bounded) for the budget to be spent: the non-readers' queues
	// fill it.
	limit, used := stats()
	for deadline := time.Now().Add(20 * time.Second); used < limit; {
		if time.Now().After(deadline) {
			t.Fatalf("the budget (%d) was never spent: %d used", limit, used)
		}
		time.Sleep(20 * time.Millisecond) // polling a figure, not synchronising
		limit, used = stats()
	}
	if slack := n * 1024; used > limit+slack {
		t.Fatalf("%d bytes queued, over the budget %d by more than one send per client", used, limit)
	}
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, "hello")
	b := make([]byte, 5)
	if _, err := io.ReadFull(c, b); err != nil || string(b) != "hello" {
		t.Fatalf("a client that reads got %q, %v", b, err)
	}
	if _, used := stats(); used > limit+n*1024+5 {
		t.Fatalf("%d bytes queued after the good client, budget %d", used, limit)
	}
}
