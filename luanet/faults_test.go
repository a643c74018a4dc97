//go:build unix

package luanet

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startCode runs Lua code from a temporary file in the background.
func startCode(t *testing.T, code string, args ...string) *script {
	t.Helper()
	p := filepath.Join(t.TempDir(), "server.lua")
	if err := os.WriteFile(p, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	return startFile(t, p, nil, args...)
}

// dialT connects to addr with a 5 s deadline on everything.
func dialT(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	t.Cleanup(func() { c.Close() })
	return c
}

// readLine reads one line from c, failing the test on error.
func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	l, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("read: %q, %v", l, err)
	}
	return l
}

const greeter = `
local server = assert(net.listen("tcp", "127.0.0.1:0", {max_clients = 2}))
local ip, port = server:localaddr()
print(("listening on %s:%d"):format(ip, port))
local n = 0
while true do
  local c = server:accept()
  if not c then break end
  n = n + 1
  spawn(function(c, n)
    c:send("hello " .. n .. "\n")
    while true do
      local d, err = c:recv(1024, 0.3)          -- idle timeout: 300 ms
      if not d then
        if err == "timeout" then c:send("bye: idle\n") end
        break
      end
      c:send(d)
    end
    c:close()
  end, c, n)
end
`

// TestMaxClientsFault: with max_clients = 2 a third client waits in the backlog,
// unserved, until one of the first two leaves; the server says so once.
func TestMaxClientsFault(t *testing.T) {
	s := startCode(t, strings.Replace(greeter, "0.3", "30", 1))
	addr := s.addr(t)
	c1, c2 := dialT(t, addr), dialT(t, addr)
	r1, r2 := bufio.NewReader(c1), bufio.NewReader(c2)
	if l := readLine(t, r1); l != "hello 1\n" {
		t.Fatalf("client 1: %q", l)
	}
	if l := readLine(t, r2); l != "hello 2\n" {
		t.Fatalf("client 2: %q", l)
	}
	c3 := dialT(t, addr) // the kernel completes the handshake: it waits in the backlog
	s.errw.wait(t, `max_clients \(2\) reached: new clients wait in the backlog`, 5*time.Second)
	c3.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if n, err := c3.Read(make([]byte, 16)); n != 0 || !os.IsTimeout(err) {
		t.Fatalf("client 3 served while 2 were connected: %d, %v", n, err)
	}
	c1.Close()
	c3.SetReadDeadline(time.Now().Add(5 * time.Second))
	if l := readLine(t, bufio.NewReader(c3)); l != "hello 3\n" {
		t.Fatalf("client 3 after client 1 left: %q", l)
	}
	c2.Write([]byte("still served\n"))
	if l := readLine(t, r2); l != "still served\n" {
		t.Fatalf("client 2: %q", l)
	}
	if n := strings.Count(s.errw.String(), "max_clients"); n > 2 {
		t.Errorf("the max_clients notice came %d times for 2 waits:\n%s", n, s.errw)
	}
}

// TestIdleTimeout: a script's recv timeout lets a server drop idle clients
// (slowloris) while active ones go on.
func TestIdleTimeout(t *testing.T) {
	s := startCode(t, greeter)
	addr := s.addr(t)
	idle, busy := dialT(t, addr), dialT(t, addr)
	ri, rb := bufio.NewReader(idle), bufio.NewReader(busy)
	readLine(t, ri)
	readLine(t, rb)
	idle.Write([]byte("G")) // a slowloris: one byte, then silence
	// The busy client talks every 50 ms, well within the 300 ms idle limit.
	for i := 0; i < 12; i++ {
		fmt.Fprintf(busy, "ping %d\n", i)
		if l := readLine(t, rb); l != fmt.Sprintf("ping %d\n", i) {
			t.Fatalf("busy client got %q", l)
		}
		time.Sleep(50 * time.Millisecond) // the pace of a live client, not synchronisation
	}
	if l := readLine(t, ri); l != "G"+"bye: idle\n" {
		t.Fatalf("idle client got %q", l)
	}
	if _, err := ri.ReadByte(); err != io.EOF {
		t.Fatalf("idle client not closed: %v", err)
	}
}

// TestAcceptEMFILE runs echo.lua in a child process whose descriptor limit
// is low. Clients beyond the limit make accept fail with EMFILE; the server
// must retry with a growing back-off (not spin, not crash) and serve the
// waiting clients once descriptors are free again.
func TestAcceptEMFILE(t *testing.T) {
	if os.Getenv("SOCKLAB_EMFILE_CHILD") != "" {
		emfileChild()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestAcceptEMFILE$")
	cmd.Env = append(os.Environ(), "SOCKLAB_EMFILE_CHILD=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := newLineBuf()
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	out := newLineBuf()
	go io.Copy(out, stdout)
	addr := out.wait(t, `listening on (\S+:\d+)`, 10*time.Second)

	// Fill the child's descriptor table: each served client holds one.
	var conns []net.Conn
	for i := 0; i < 24; i++ {
		conns = append(conns, dialT(t, addr))
	}
	stderr.wait(t, `accept: .*too many open files; retrying in`, 10*time.Second)
	// Held for 1.5 s, the back-off (5 ms doubling to 1 s) retries about 9 times;
	// a spin would retry thousands of times.
	time.Sleep(1500 * time.Millisecond) // the subject: how often it retries in this time
	retries := strings.Count(stderr.String(), "retrying in")
	if retries > 30 {
		t.Errorf("accept retried %d times in 1.5 s: a spin, not a back-off", retries)
	}
	if !regexp.MustCompile(`retrying in (160|320|640)ms`).MatchString(stderr.String()) {
		t.Errorf("the back-off did not grow:\n%s", stderr)
	}
	// Everyone connected is echoed: the first ones now, the rest once
	// descriptors free up.
	served := 0
	for i, c := range conns {
		if i >= 4 {
			break
		}
		fmt.Fprintf(c, "x%d", i)
		b := make([]byte, 8)
		if n, err := c.Read(b); err != nil || string(b[:n]) != fmt.Sprintf("x%d", i) {
			t.Fatalf("client %d: %q, %v\nchild's descriptors:\n%s", i, b[:n], err, fdTable(cmd.Process.Pid))
		}
		served++
	}
	for _, c := range conns[:len(conns)-1] { // the server accepts and ends them one by one
		c.Close()
	}
	last := conns[len(conns)-1]
	last.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprint(last, "late")
	b := make([]byte, 8)
	if n, err := last.Read(b); err != nil || string(b[:n]) != "late" {
		t.Logf("child's descriptors:\n%s\nstdout:\n%s", fdTable(cmd.Process.Pid), out)
		t.Fatalf("the last client, once descriptors were free: %q, %v\nstderr:\n%s", b[:n], err, stderr)
	}
	if cmd.ProcessState != nil {
		t.Fatalf("the server exited: %v", cmd.ProcessState)
	}
	t.Logf("%d accept retries logged while out of descriptors", retries)
}

// emfileChild lowers RLIMIT_NOFILE to what is open now plus 12 and runs
// echo.lua until SIGTERM. The run itself takes about 5 of the 12 (the
// runtime's poller, the listening socket, the loop's epoll and eventfd), so
// at least 4 clients are served before accept meets EMFILE.
func emfileChild() {
	ents, _ := os.ReadDir("/proc/self/fd")
	lim := uint64(len(ents) + 12)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
		fmt.Fprintln(os.Stderr, "setrlimit:", err)
		os.Exit(3)
	}
	ctx, stop := context.WithCancel(context.Background())
	go func() {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGTERM)
		<-ch
		stop()
	}()
	err := RunFile(ctx, scriptPath("echo.lua"), []string{"127.0.0.1:0", "--quiet"},
		Options{Stdout: os.Stdout, Stderr: os.Stderr})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// fdTable lists process pid's open descriptors, one "N -> target" a line.
func fdTable(pid int) string {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, _ := os.ReadDir(dir)
	var l []string
	for _, e := range ents {
		dst, _ := os.Readlink(filepath.Join(dir, e.Name()))
		l = append(l, e.Name()+" -> "+dst)
	}
	return strings.Join(l, "\n")
}

// fdCount returns how many descriptors this process has open.
func fdCount(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(ents)
}

// waitFDs waits (bounded) until the descriptor count is back to want.
func waitFDs(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for fdCount(t) > want {
		if time.Now().After(deadline) {
			t.Fatalf("%d descriptors open, want %d:\n%s", fdCount(t), want, fdTable(os.Getpid()))
		}
		time.Sleep(10 * time.Millisecond) // descriptors have no close event to wait on
	}
}

// TestScriptLeavesNoDescriptors: a server script that served clients (some
// still connected when it is stopped, one reset) and a client script leave
// no descriptor open. Goroutines are checked by goleak in TestMain.
func TestScriptLeavesNoDescriptors(t *testing.T) {
	before := fdCount(t)
	s := startScript(t, "echo.lua", nil, "127.0.0.1:0", "--quiet")
	addr := s.addr(t)
	var held []net.Conn
	for i := 0; i < 20; i++ {
		c := dialT(t, addr)
		fmt.Fprint(c, "hi")
		b := make([]byte, 2)
		if _, err := io.ReadFull(c, b); err != nil {
			t.Fatal(err)
		}
		switch i % 3 {
		case 0:
			c.Close()
		case 1:
			c.(*net.TCPConn).SetLinger(0)
			c.Close()
		default:
			held = append(held, c)
		}
	}
	if _, _, err := runLua(t, fmt.Sprintf(`local c = assert(net.connect(%q)); c:send("x"); print(c:recv()); c:close()`, addr), Options{}); err != nil {
		t.Fatal(err)
	}
	s.stop(t)
	for _, c := range held {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Read(make([]byte, 1)); err == nil {
			t.Errorf("a held client was not closed when the script stopped")
		}
		c.Close()
	}
	waitFDs(t, before)
}

// TestLuaHostilePeers: a script's receives report what a hostile peer did
// (a flood without newline, a reset, a half-close) as nil plus a short
// reason, and the script goes on with its other connections.
func TestLuaHostilePeers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := 0; ; i++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(i int, c net.Conn) {
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Second))
				switch i {
				case 0: // healthy: echo lines
					io.Copy(c, c)
				case 1: // flood, never a newline
					junk := make([]byte, 64<<10)
					for j := range junk {
						junk[j] = 'A'
					}
					for {
						select {
						case <-stop:
							return
						default:
						}
						c.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
						c.Write(junk)
					}
				case 2: // reset mid-transfer
					c.Write([]byte("partial"))
					c.Read(make([]byte, 5))
					c.(*net.TCPConn).SetLinger(0)
				case 3: // half-close, then read what the script sends
					c.Write([]byte("last words"))
					c.(*net.TCPConn).CloseWrite()
					b := make([]byte, 5)
					io.ReadFull(c, b)
					c.Write(b) // fails: we closed our side; the script must not care
				}
			}(i, c)
		}
	}()
	out, _, err := runLua(t, fmt.Sprintf(`
		local addr = %q
		local good = assert(net.connect(addr))
		local function check(tag)
			good:send(tag .. "\n")
			print(tag, good:recvline(5))
		end
		local flood = assert(net.connect(addr))
		print("flood", flood:recvline(5))
		print("flood rest", #flood:recv(10))
		check("after flood")
		local rst = assert(net.connect(addr))
		rst:send("hello")
		while true do
			local d, err = rst:recv(1024, 5)
			if not d then print("rst", err) break end
		end
		check("after reset")
		local hc = assert(net.connect(addr))
		print("half", hc:recvall(5))
		print("half again", hc:recv(10, 5))
		print("half send", hc:send("12345"))
		check("after half-close")`, ln.Addr().String()), Options{})
	want := []string{
		"flood\tnil\ttoo long",
		"flood rest\t10",
		"after flood\tafter flood",
		"rst\treset",
		"after reset\tafter reset",
		"half\tlast words",
		"half again\tnil\tclosed",
		"half send\t5",
		"after half-close\tafter half-close",
	}
	if err != nil || strings.Join(lines(out), "\n") != strings.Join(want, "\n") {
		t.Fatalf("err %v; output:\n%s\nwant:\n%s", err, out, strings.Join(want, "\n"))
	}
}

// TestInfoWhileReceiving: tostring(c) and c:state() on a connection that
// another task waits to receive on return at once; they used to wait for
// the receive (netops' Info took the receive lock), freezing the script.
func TestInfoWhileReceiving(t *testing.T) {
	out, _, err := runLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		local s = assert(l:accept())
		spawn(function() print("got", c:recv()) end)
		spawn(function() print("line", c:recvline()) end)
		sleep(0.05)
		local t0 = now()
		local str, st = tostring(c), c:state()
		print("info took under 1s", now() - t0 < 1, st)
		s:send("bye\n")
		sleep(0.05)
		os.exit(0)`, Options{})
	if err != nil || !strings.Contains(out, "info took under 1s\ttrue\tESTABLISHED") {
		t.Fatalf("err %v; output:\n%s", err, out)
	}
}
