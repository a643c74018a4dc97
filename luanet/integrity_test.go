//go:build unix

package luanet

import (
	"crypto/sha256"
	"hash"
	"io"
	"math/rand/v2"
	"net"
	"testing"
	"time"
)

// TestIntegrityEcho64MiB streams 64 MiB of random bytes through echo.lua
// while reading the echo concurrently, and compares SHA-256 both ways. A
// client that floods without reading and a slowloris are connected to the
// same server all along; the stream must not suffer from them.
func TestIntegrityEcho64MiB(t *testing.T) {
	size := 64 << 20
	if testing.Short() {
		size = 8 << 20
	}
	s := startScript(t, "echo.lua", nil, "127.0.0.1:0", "--quiet")
	addr := s.addr(t)

	stop := make(chan struct{})
	defer close(stop)
	flood := dialT(t, addr) // sends garbage, never reads: its echoes back up
	slow := dialT(t, addr)  // one byte every 20 ms
	flood.SetDeadline(time.Time{})
	slow.SetDeadline(time.Time{})
	go func() {
		junk := make([]byte, 64<<10)
		for i := range junk {
			junk[i] = byte(i * 7)
		}
		for {
			select {
			case <-stop:
				return
			default:
			}
			flood.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
			flood.Write(junk)
		}
	}()
	go func() {
		tk := time.NewTicker(20 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tk.C:
				slow.Write([]byte{'G'})
			}
		}
	}()

	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(120 * time.Second))
	sent := sha256.New()
	werr := make(chan error, 1)
	go func() {
		rng := rand.New(rand.NewPCG(3, 4))
		buf := make([]byte, 64<<10)
		for left := size; left > 0; {
			n := min(len(buf), left, 1+rng.IntN(len(buf))) // uneven writes
			for i := 0; i < n; i++ {
				buf[i] = byte(rng.Uint32())
			}
			sent.Write(buf[:n])
			if _, err := c.Write(buf[:n]); err != nil {
				werr <- err
				return
			}
			left -= n
		}
		werr <- c.(*net.TCPConn).CloseWrite()
	}()
	got := sha256.New()
	n, err := io.Copy(got, c) // until echo.lua closes after our FIN
	if err != nil {
		t.Fatalf("reading the echo after %d bytes: %v", n, err)
	}
	if err := <-werr; err != nil {
		t.Fatalf("writing: %v", err)
	}
	if n != int64(size) || !equalSum(got, sent) {
		t.Fatalf("echoed %d bytes, sha256 %x; sent %d, %x", n, got.Sum(nil), size, sent.Sum(nil))
	}
	// The slowloris is still being served.
	slow.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := slow.Read(make([]byte, 1)); err != nil {
		t.Errorf("the slowloris was dropped: %v", err)
	}
}

func equalSum(a, b hash.Hash) bool { return string(a.Sum(nil)) == string(b.Sum(nil)) }
