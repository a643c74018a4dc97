package relay

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/socklab/socklab/tlsx/tlsxtest"
)

const size = 64 << 20

// stream is size pseudo-random bytes: 1 MiB blocks of a seeded generator,
// each stamped with its index so no two blocks are alike.
func stream(seed uint64) io.Reader {
	r := rand.New(rand.NewPCG(seed, seed))
	block := make([]byte, 1<<20)
	for i := 0; i < len(block); i += 8 {
		binary.LittleEndian.PutUint64(block[i:], r.Uint64())
	}
	var parts []io.Reader
	for n := 0; n < size>>20; n++ {
		b := bytes.Clone(block)
		binary.LittleEndian.PutUint64(b, uint64(n))
		parts = append(parts, bytes.NewReader(b))
	}
	return io.MultiReader(parts...)
}

func digest(r io.Reader) [32]byte {
	h := sha256.New()
	io.Copy(h, r)
	var s [32]byte
	copy(s[:], h.Sum(nil))
	return s
}

// TestRelayExactHalfClose: 64 MiB each way through the relay arrive
// byte-exact (SHA-256), and each side's FIN is passed on: the target reads
// the client's whole stream to its end before answering, and the client
// reads the answer to its end.
func TestRelayExactHalfClose(t *testing.T) {
	want := digest(stream(1))
	wantDown := digest(stream(2))
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tl.Close()
	upGot := make(chan [32]byte, 1)
	go func() {
		c, err := tl.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(60 * time.Second))
		upGot <- digest(c) // to the FIN the relay passed on
		io.Copy(c, stream(2))
		c.(*net.TCPConn).CloseWrite()
		io.Copy(io.Discard, c)
	}()
	var mu sync.Mutex
	var events []Event
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Listen: "127.0.0.1:0", Target: tl.Addr().String(), Events: func(e Event) {
			if e.Kind == Listening {
				addr <- e.Addr
			}
			mu.Lock()
			events = append(events, e)
			mu.Unlock()
		}})
	}()
	var a string
	select {
	case a = <-addr:
	case <-time.After(10 * time.Second):
		t.Fatal("relay did not listen")
	}
	c, err := net.Dial("tcp", a)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(60 * time.Second))
	sent := make(chan error, 1)
	go func() {
		_, err := io.Copy(c, stream(1))
		c.(*net.TCPConn).CloseWrite()
		sent <- err
	}()
	if got := digest(c); got != wantDown {
		t.Fatal("the target's stream arrived changed")
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	if got := <-upGot; got != want {
		t.Fatal("the client's stream arrived changed")
	}
	deadline := time.After(10 * time.Second)
	for {
		mu.Lock()
		var closed *Event
		half := 0
		for i, e := range events {
			if e.Kind == Closed {
				closed = &events[i]
			}
			if e.Kind == HalfClosed {
				half++
			}
		}
		mu.Unlock()
		if closed != nil {
			if closed.Up != size || closed.Down != size || closed.Err != nil || half != 2 {
				t.Fatalf("closed %+v, half-closes %d", *closed, half)
			}
			break
		}
		select {
		case <-deadline:
			t.Fatal("no Closed event")
		case <-time.After(10 * time.Millisecond): // polling the events recorded
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not end on cancel")
	}
}

// TestRelayTargetDown: a client whose target refuses is closed and
// reported; the relay goes on (the next client is served the same way).
func TestRelayTargetDown(t *testing.T) {
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	target := tl.Addr().String()
	tl.Close()
	evs := runRelay(t, Config{Listen: "127.0.0.1:0", Target: target})
	addr := nextEvent(t, evs, Listening).Addr
	for range 2 {
		c, err := net.DialTimeout("tcp", addr, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		if b, err := io.ReadAll(c); len(b) != 0 || err != nil {
			t.Fatalf("got %q, %v; want the end of the stream", b, err)
		}
		c.Close()
		if e := nextEvent(t, evs, Failed); e.Err == nil {
			t.Fatalf("event %+v", e)
		}
	}
}

// TestRelayClientWithoutTLS: with TLS towards the clients, a client that
// does not speak it is closed and reported as the client's failure (not
// the target's), and costs no connection to the target; a TLS client is
// then relayed.
func TestRelayClientWithoutTLS(t *testing.T) {
	_, certFile, keyFile := tlsxtest.PKI(t)
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	target, dialled := targetServer(t, 4)
	evs := runRelay(t, Config{Listen: "127.0.0.1:0", Target: target,
		ListenTLS: &tls.Config{Certificates: []tls.Certificate{cert}}})
	addr := nextEvent(t, evs, Listening).Addr

	plain, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	plain.Write([]byte("hello\n"))
	if e := nextEvent(t, evs, ClientFailed); e.Err == nil {
		t.Fatalf("event %+v", e)
	}
	select {
	case <-dialled:
		t.Fatal("the target was dialled for a client that failed its handshake")
	default:
	}

	c, err := tls.DialWithDialer(&net.Dialer{Timeout: 10 * time.Second}, "tcp", addr, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	nextEvent(t, evs, Opened)
	select {
	case tc := <-dialled:
		tc.Close()
	case <-time.After(10 * time.Second):
		t.Fatal("the target was not dialled for a TLS client")
	}
}

// targetServer listens on 127.0.0.1 for the relay's target until the test
// ends; each connection the relay makes arrives on dialled (up to n unread).
func targetServer(t *testing.T, n int) (addr string, dialled <-chan net.Conn) {
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tl.Close() })
	ch := make(chan net.Conn, n)
	go func() {
		for {
			c, err := tl.Accept()
			if err != nil {
				return
			}
			ch <- c
		}
	}()
	return tl.Addr().String(), ch
}

// runRelay runs the relay with cfg until the test ends, its events on the
// returned channel.
func runRelay(t *testing.T, cfg Config) <-chan Event {
	ctx, cancel := context.WithCancel(context.Background())
	evs := make(chan Event, 64)
	cfg.Events = func(e Event) { evs <- e }
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("Run did not end on cancel")
		}
	})
	return evs
}

// nextEvent returns the next event, which must be of kind k (within 10 s).
func nextEvent(t *testing.T, evs <-chan Event, k Kind) Event {
	t.Helper()
	select {
	case e := <-evs:
		if e.Kind != k {
			t.Fatalf("event %+v, want kind %d", e, k)
		}
		return e
	case <-time.After(10 * time.Second):
		t.Fatalf("no event of kind %d", k)
		return Event{}
	}
}
