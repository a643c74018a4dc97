package main

import (
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// flood opens n connections that each send size bytes and never read, as
// a peer that does not play along would: the server cannot send its echo
// back, so what it buffers for them grows until its memory budget (or the
// kernel) holds it. Once the senders have been stuck for a second (or d
// passed), three new clients one after the other each send 64 bytes and
// time their echo. The
// connections stay open until then.
func flood(addr string, n, size int, d time.Duration) error {
	data := make([]byte, size)
	var sent atomic.Int64
	var wg sync.WaitGroup
	conns := make([]net.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range n {
		c, err := net.DialTimeout("tcp", addr, 10*time.Second)
		if err != nil {
			return fmt.Errorf("connection %d: %w", i, err)
		}
		conns = append(conns, c)
		c.(*net.TCPConn).SetReadBuffer(4096) // a peer that does not read
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.SetWriteDeadline(time.Now().Add(d))
			for off := 0; off < len(data); {
				m, err := c.Write(data[off:min(len(data), off+64<<10)])
				sent.Add(int64(m))
				off += m
				if err != nil {
					return
				}
			}
		}()
	}
	began := time.Now()
	for last := int64(-1); time.Since(began) < d; {
		time.Sleep(time.Second)
		if s := sent.Load(); s == last {
			break // no sender moved for a second: they are held back
		} else {
			last = s
		}
	}
	fmt.Printf("%d clients sent %d MiB in all (%d KiB each on average)\n", n, sent.Load()>>20, sent.Load()/int64(n)>>10)
	for i := range 3 {
		if err := goodClient(addr, i+1); err != nil {
			return err
		}
	}
	return nil
}

// goodClient connects, sends 64 bytes, and reports how long the echo took
// from the connect on.
func goodClient(addr string, i int) error {
	t0 := time.Now()
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return fmt.Errorf("well-behaved client %d: %w", i, err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	connected := time.Since(t0)
	msg, buf := message(64, i), make([]byte, 64)
	if _, err := c.Write(msg); err != nil {
		return fmt.Errorf("well-behaved client %d: %w", i, err)
	}
	if _, err := io.ReadFull(c, buf); err != nil {
		return fmt.Errorf("well-behaved client %d got no echo within 30 s: %w", i, err)
	}
	fmt.Printf("new client %d: connected in %v, echoed in %v\n", i, connected.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))
	return nil
}
