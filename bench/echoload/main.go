// Command echoload drives an echo server on loopback and reports round
// trips per second (-mode rt) or holds many idle connections (-mode hold).
//
//	echoload -addr 127.0.0.1:65432 -c 50 -d 3s            closed-loop round trips
//	echoload -addr 127.0.0.1:65432 -mode hold -c 10000 -pid PID
//	echoload -addr 127.0.0.1:65432 -mode flood -c 2000 -size 1000000 -pid PID
//
// With -pid it prints the server's peak and current RSS (VmHWM, VmRSS from
// /proc/PID/status, Linux) at the end.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:65432", "echo server address")
	clients := flag.Int("c", 1, "clients (connections)")
	dur := flag.Duration("d", 3*time.Second, "duration of rt mode, hold time of hold mode")
	size := flag.Int("size", 64, "message size in bytes")
	mode := flag.String("mode", "rt", "rt: closed-loop round trips; hold: open -c connections and keep them; flood: -c connections send -size bytes each and never read, then one more client times its echo")
	pid := flag.Int("pid", 0, "server PID whose VmHWM/VmRSS to report")
	flag.Parse()
	var err error
	switch *mode {
	case "rt":
		err = roundTrips(*addr, *clients, *size, *dur)
	case "hold":
		err = hold(*addr, *clients, *size, *dur)
	case "flood":
		err = flood(*addr, *clients, *size, *dur)
	default:
		err = fmt.Errorf("unknown -mode %q", *mode)
	}
	if *pid > 0 {
		fmt.Println(rss(*pid))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "echoload:", err)
		os.Exit(1)
	}
}

// roundTrip sends msg and reads it back, checking the content.
func roundTrip(c net.Conn, msg, buf []byte) error {
	if _, err := c.Write(msg); err != nil {
		return err
	}
	if _, err := io.ReadFull(c, buf); err != nil {
		return err
	}
	if !bytes.Equal(buf, msg) {
		return fmt.Errorf("echo differs")
	}
	return nil
}

func message(size, i int) []byte {
	msg := make([]byte, size)
	for j := range msg {
		msg[j] = byte('a' + (i+j)%26)
	}
	return msg
}

// roundTrips runs clients closed loops for d and prints round trips/s.
func roundTrips(addr string, clients, size int, d time.Duration) error {
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	stop := time.Now().Add(d)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				failed.Add(1)
				return
			}
			defer c.Close()
			msg, buf := message(size, i), make([]byte, size)
			var renew time.Time
			for now := time.Now(); now.Before(stop); now = time.Now() {
				// A stuck server fails the run within 5 s. The deadline is
				// renewed once a second, not per round trip: setting it
				// costs the client a timer update, CPU the server then
				// lacks on a machine whose cores the two share.
				if now.After(renew) {
					c.SetDeadline(now.Add(5 * time.Second))
					renew = now.Add(time.Second)
				}
				if err := roundTrip(c, msg, buf); err != nil {
					failed.Add(1)
					return
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("rt clients=%d size=%d round_trips_per_s=%.0f failures=%d\n", clients, size, float64(ok.Load())/d.Seconds(), failed.Load())
	return nil
}

// hold opens n connections, checks one round trip on each, keeps them all
// open for d and reports.
func hold(addr string, n, size int, d time.Duration) error {
	conns := make([]net.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	t0 := time.Now()
	failed := 0
	for i := range n {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			return fmt.Errorf("connection %d: %w", i, err)
		}
		conns = append(conns, c)
		c.SetDeadline(time.Now().Add(10 * time.Second))
		if err := roundTrip(c, message(size, i), make([]byte, size)); err != nil {
			failed++
		}
	}
	fmt.Printf("hold connections=%d verified=%d failures=%d open_time=%.2fs\n", n, n-failed, failed, time.Since(t0).Seconds())
	time.Sleep(d)
	return nil
}

// rss reads VmHWM and VmRSS of pid.
func rss(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "rss unknown: " + err.Error()
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") || strings.HasPrefix(line, "VmRSS:") {
			out = append(out, strings.Join(strings.Fields(line), " "))
		}
	}
	return strings.Join(out, " ")
}
