package luanet

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socklab/socklab/internal/testnet"
)

// BenchmarkEcho measures 64-byte echo round trips, closed loop, through
// scripts/echo.lua and through a plain-Go echo server (a goroutine per
// connection) in the same run, so the ratio can be read off:
//
//	go test -run XXX -bench Echo -benchtime 3s ./luanet/
func BenchmarkEcho(b *testing.B) {
	for _, clients := range []int{1, 50, 500} {
		b.Run(fmt.Sprintf("lua/c=%d", clients), func(b *testing.B) {
			s := startScript(b, "echo.lua", nil, "127.0.0.1:0", "--quiet")
			echoLoad(b, s.addr(b), clients)
		})
		b.Run(fmt.Sprintf("go/c=%d", clients), func(b *testing.B) {
			addr, stop := goEcho(b)
			defer stop()
			echoLoad(b, addr, clients)
		})
	}
}

func goEcho(b testing.TB) (string, func()) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				testnet.ServeConn(c, testnet.Echo)
			}()
		}
	}()
	return l.Addr().String(), func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	}
}

// echoLoad runs b.N round trips spread over clients connections.
func echoLoad(b *testing.B, addr string, clients int) {
	conns := make([]net.Conn, clients)
	for i := range conns {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	msg := bytes.Repeat([]byte("x"), 64)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	var failed sync.Once
	for i, c := range conns {
		n := b.N / clients
		if i < b.N%clients {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 64)
			c.SetDeadline(time.Now().Add(60 * time.Second))
			for range n {
				if _, err := c.Write(msg); err != nil {
					failed.Do(func() { b.Error(err) })
					return
				}
				if _, err := io.ReadFull(c, buf); err != nil {
					failed.Do(func() { b.Error(err) })
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "rt/s")
}

// pyHold opens N connections, makes one round trip on each, prints "ready"
// and holds them until stdin closes.
const pyHold = `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
socks = []
for i in range(int(sys.argv[2])):
    s = socket.create_connection((host, int(port)))
    s.sendall(b"x" * 64)
    got = b""
    while len(got) < 64:
        got += s.recv(64)
    socks.append(s)
print("ready", flush=True)
sys.stdin.read()
`

// TestIdleConnMemory holds 10,000 idle connections on echo.lua (the
// clients live in a Python process so each process has its own descriptor
// limit) and reports the server's cost per connection.
//
//	SOCKLAB_IDLE=10000 go test -run IdleConnMemory -v ./luanet/
func TestIdleConnMemory(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SOCKLAB_IDLE"))
	if n == 0 {
		if testing.Short() {
			t.Skip("short")
		}
		n = 1000
	}
	needPython(t)
	goruntime.GC()
	var before goruntime.MemStats
	goruntime.ReadMemStats(&before)
	rss0 := vmRSS()
	s := startScript(t, "echo.lua", nil, "127.0.0.1:0", "--quiet")
	addr := s.addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd, out := startPythonCtx(t, ctx, pyHold, addr, strconv.Itoa(n))
	stdin, _ := cmd.StdinPipe()
	_ = stdin
	out.wait(t, "ready", 120*time.Second)
	goruntime.GC()
	var after goruntime.MemStats
	goruntime.ReadMemStats(&after)
	rss1 := vmRSS()
	heap := int64(after.HeapInuse+after.StackInuse) - int64(before.HeapInuse+before.StackInuse)
	t.Logf("%d idle connections: Go heap+stacks %.1f MiB (%d B/conn), VmRSS %.1f MiB total, +%.1f MiB (%d B/conn), goroutines %d",
		n, float64(heap)/(1<<20), heap/int64(n), float64(rss1)/(1<<20), float64(rss1-rss0)/(1<<20), (rss1-rss0)/int64(n), goruntime.NumGoroutine())
	if n >= 10000 && rss1 > 150<<20 {
		t.Errorf("RSS %d MiB > 150 MiB", rss1>>20)
	}
	cancel()
	cmd.Wait()
}

func vmRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			f := strings.Fields(l)
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
