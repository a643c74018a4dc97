//go:build linux

// Command soak holds many connections on scripts/echo.lua for a while, with
// clients connecting and leaving all along, and reports the server's
// resident memory, threads and descriptors (from /proc/PID, Linux) at the
// start, at the end, and after every client has left. It is not part of
// `go test ./...`; run it by hand:
//
//	go run ./cmd/soak -conns 10000 -d 3m
//
// It builds socklab (or takes -bin), starts `socklab scripts/echo.lua
// 127.0.0.1:0 --quiet`, and stops it by PID with SIGTERM at the end. Every
// connection checks an echo round trip when it opens, a random sample of
// the held ones is checked every second, and each leaving client checks
// one before it closes. Any wrong echo fails the run.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	conns := flag.Int("conns", 10000, "connections held at once")
	dur := flag.Duration("d", 3*time.Minute, "how long to churn once all are connected")
	churn := flag.Int("churn", 100, "clients that leave and are replaced per second (TIME_WAIT bounds it: keep it under ~300)")
	bin := flag.String("bin", "", "socklab binary (default: go build one)")
	flag.Parse()
	if err := run(*conns, *dur, *churn, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// stats are a process's figures from /proc.
type stats struct {
	rssKB, hwmKB, threads, fds int
}

func (s stats) String() string {
	return fmt.Sprintf("RSS %6.1f MiB (peak %6.1f MiB)  threads %3d  fds %6d", float64(s.rssKB)/1024, float64(s.hwmKB)/1024, s.threads, s.fds)
}

func procStats(pid int) stats {
	var s stats
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		var n int
		fmt.Sscan(f[1], &n)
		switch f[0] {
		case "VmRSS:":
			s.rssKB = n
		case "VmHWM:":
			s.hwmKB = n
		case "Threads:":
			s.threads = n
		}
	}
	ents, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	s.fds = len(ents)
	return s
}

// roundTrip sends a short random message and checks the echo.
func roundTrip(c net.Conn, rng *rand.Rand) error {
	msg := make([]byte, 1+rng.IntN(64))
	for i := range msg {
		msg[i] = byte(rng.Uint32())
	}
	c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := c.Write(msg); err != nil {
		return err
	}
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(c, got); err != nil {
		return err
	}
	if !bytes.Equal(got, msg) {
		return fmt.Errorf("wrong echo: sent %q, got %q", msg, got)
	}
	return nil
}

func run(n int, dur time.Duration, churn int, bin string) error {
	// This process holds n client descriptors.
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	if lim.Cur < uint64(n)+100 {
		lim.Cur = min(lim.Max, uint64(n)+1000)
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	if bin == "" {
		dir, err := os.MkdirTemp("", "soak")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "socklab")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	cmd := exec.Command(bin, "--lang", "en", "scripts/echo.lua", "127.0.0.1:0", "--quiet") // its "listening on" line is read below
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	pid := cmd.Process.Pid
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		select {
		case <-exited:
		default:
			cmd.Process.Kill()
			<-exited
		}
	}()
	sc := bufio.NewScanner(stdout)
	var addr string
	rx := regexp.MustCompile(`listening on (\S+:\d+)`)
	for sc.Scan() {
		if m := rx.FindStringSubmatch(sc.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	if addr == "" {
		return fmt.Errorf("echo.lua did not start: %s", stderr.String())
	}
	go io.Copy(io.Discard, stdout)
	idle := procStats(pid)
	fmt.Printf("server pid %d on %s\nidle:            %v\n", pid, addr, idle)

	// Connect n clients, 64 at a time.
	held := make([]net.Conn, n) // each dialler fills its own slots; the churn loop runs alone after
	var failures atomic.Int64
	dial := func(rng *rand.Rand) (net.Conn, error) {
		c, err := net.DialTimeout("tcp", addr, 30*time.Second)
		if err != nil {
			return nil, err
		}
		if err := roundTrip(c, rng); err != nil {
			c.Close()
			return nil, err
		}
		return c, nil
	}
	t0 := time.Now()
	var wg sync.WaitGroup
	next := atomic.Int64{}
	var firstErr error
	var errOnce sync.Once
	for w := 0; w < 64; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				c, err := dial(rng)
				if err != nil {
					failures.Add(1)
					errOnce.Do(func() { firstErr = err })
					continue
				}
				held[i] = c
			}
		}(w)
	}
	wg.Wait()
	if f := failures.Load(); f > 0 {
		return fmt.Errorf("%d of %d connections failed; first: %v", f, n, firstErr)
	}
	start := procStats(pid)
	fmt.Printf("%d connected:  %v   (%.1fs to connect)\n", n, start, time.Since(t0).Seconds())

	// Churn: every tick, churn/10 clients leave (after a last round trip)
	// and as many new ones connect; a sample of held ones is checked.
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	rng := rand.New(rand.NewPCG(7, 7))
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	left, joined, checked := 0, 0, 0
	report := time.NewTicker(30 * time.Second)
	defer report.Stop()
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-report.C:
			fmt.Printf("  %5.0fs: %v   left %d joined %d checked %d\n", time.Since(t0).Seconds(), procStats(pid), left, joined, checked)
		case <-tick.C:
			for k := 0; k < max(1, churn/10); k++ {
				i := rng.IntN(n)
				c := held[i]
				if err := roundTrip(c, rng); err != nil {
					return fmt.Errorf("held client %d: %v", i, err)
				}
				c.Close()
				left++
				nc, err := dial(rng)
				if err != nil {
					return fmt.Errorf("new client: %v", err)
				}
				held[i] = nc
				joined++
			}
			for k := 0; k < 20; k++ {
				if err := roundTrip(held[rng.IntN(n)], rng); err != nil {
					return fmt.Errorf("sampled client: %v", err)
				}
				checked++
			}
		}
	}
	end := procStats(pid)
	fmt.Printf("end (%v):  %v   left %d joined %d checked %d\n", dur, end, left, joined, checked)

	// Everyone leaves; the server must give back its descriptors.
	for _, c := range held {
		c.Close()
	}
	deadline := time.Now().Add(30 * time.Second)
	after := procStats(pid)
	for after.fds > idle.fds+2 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		after = procStats(pid)
	}
	fmt.Printf("all left:        %v\n", after)
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		exited <- err
		fmt.Printf("SIGTERM: exited (%v)\n", err)
	case <-time.After(10 * time.Second):
		return fmt.Errorf("the server did not exit within 10 s of SIGTERM")
	}
	if after.fds > idle.fds+2 {
		return fmt.Errorf("the server still has %d descriptors open, %d when idle", after.fds, idle.fds)
	}
	return nil
}
