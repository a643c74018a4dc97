// Package relay accepts TCP clients and connects each to a target,
// copying bytes both ways until each side finishes; a FIN from one side is
// passed on to the other (shutdown(SHUT_WR)), so half-closed protocols work
// through it. It reports what happens as facts ([Event]) for the shell to
// print; TLS may be spoken on either side.
package relay

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"time"

	"github.com/socklab/socklab/netops"
)

// Config is what to relay.
type Config struct {
	Listen, Target string      // "HOST:PORT"
	ListenTLS      *tls.Config // TLS towards clients, nil for plain TCP
	TargetTLS      *tls.Config // TLS towards the target, nil for plain TCP
	// Data asks for every chunk's bytes in DataEvents (for a hex view);
	// without it only counts are reported, at most every Tick.
	Data bool
	Tick time.Duration // how often counts are reported; 0: 200 ms
	// Events receives what happens; it is called from several goroutines,
	// one call at a time.
	Events func(Event)
}

// Kind is what an [Event] reports.
type Kind int

// The kinds of [Event].
const (
	Listening    Kind = iota + 1 // Addr is the listening address
	Opened                       // a pair: Client and Target connected
	Failed                       // a client came but the target could not be reached (Err)
	Flow                         // bytes moved: N more in Dir (Data with Config.Data)
	HalfClosed                   // Dir's sender finished (FIN passed on)
	Closed                       // the pair ended: Up and Down are the totals, Err any error
	ClientFailed                 // a client came but did not complete the TLS handshake (Err); the target was not dialled
)

// Dir is a direction of a pair.
type Dir int

// The directions.
const (
	Up   Dir = iota + 1 // client to target
	Down                // target to client
)

// Event is one fact about the relay.
type Event struct {
	Kind           Kind
	Pair           int // 1, 2, ... in the order clients came
	Addr           string
	Client, Target string // the pair's peer addresses
	Dir            Dir
	N              int64
	Data           []byte
	Up, Down       int64
	Err            error
}

// bufSize is the copy buffer of each direction.
const bufSize = 64 << 10

// MaxPairs bounds the pairs relayed at once, and so the relay's memory
// (two copy buffers each): while that many run, the next client waits in
// the listen backlog until one ends.
const MaxPairs = 256

// handshakeTimeout bounds a TLS handshake with a client or the target: a
// client that connects and says nothing holds no pair's slot for long.
const handshakeTimeout = 10 * time.Second

// Run listens on cfg.Listen and relays every client until ctx ends; it then
// closes the listener and every pair and returns ctx's error, or the error
// that stopped it listening.
func Run(ctx context.Context, cfg Config) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Listen)
	if err != nil {
		return err
	}
	r := &relayer{cfg: cfg}
	if r.cfg.Tick <= 0 {
		r.cfg.Tick = 200 * time.Millisecond
	}
	r.emit(Event{Kind: Listening, Addr: ln.Addr().String()})
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	slots := make(chan struct{}, MaxPairs)
	for n := 1; ; n++ {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			ln.Close()
			return ctx.Err()
		}
		c, err := ln.Accept()
		if err != nil {
			ln.Close()
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			r.pair(ctx, n, c)
		}()
	}
}

type relayer struct {
	cfg Config
	mu  sync.Mutex // one Events call at a time
}

func (r *relayer) emit(e Event) {
	if r.cfg.Events == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cfg.Events(e)
}

// pair relays one client.
func (r *relayer) pair(ctx context.Context, n int, client net.Conn) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if r.cfg.ListenTLS != nil { // first: a client that does not speak TLS costs no connection to the target
		tc, err := handshake(ctx, tls.Server(client, r.cfg.ListenTLS))
		if err != nil {
			client.Close()
			r.emit(Event{Kind: ClientFailed, Pair: n, Client: client.RemoteAddr().String(), Err: err})
			return
		}
		client = tc
	}
	var d net.Dialer
	target, err := d.DialContext(ctx, "tcp", r.cfg.Target)
	if err == nil && r.cfg.TargetTLS != nil {
		var tc net.Conn
		if tc, err = handshake(ctx, tls.Client(target, r.cfg.TargetTLS)); err == nil {
			target = tc
		} else {
			target.Close()
		}
	}
	if err != nil {
		client.Close()
		r.emit(Event{Kind: Failed, Pair: n, Client: client.RemoteAddr().String(), Target: r.cfg.Target, Err: err})
		return
	}
	ev := Event{Pair: n, Client: client.RemoteAddr().String(), Target: target.RemoteAddr().String()}
	open := ev
	open.Kind = Opened
	r.emit(open)
	stop := context.AfterFunc(ctx, func() { client.Close(); target.Close() })
	defer stop()
	var up, down int64
	errs := make(chan error, 2)
	go func() { errs <- r.copy(ev, Up, target, client, &up) }()
	go func() { errs <- r.copy(ev, Down, client, target, &down) }()
	var first error
	for range 2 {
		if err := <-errs; err != nil && first == nil {
			first = err
			client.Close() // an error ends both directions
			target.Close()
		}
	}
	client.Close()
	target.Close()
	if ctx.Err() != nil {
		first = nil
	}
	end := ev
	end.Kind, end.Up, end.Down, end.Err = Closed, up, down, first
	r.emit(end)
}

// copy moves src to dst until src's EOF, which it passes on as a FIN.
func (r *relayer) copy(ev Event, dir Dir, dst, src net.Conn, total *int64) error {
	buf := make([]byte, bufSize)
	var pending int64
	last := time.Now()
	flush := func() {
		if pending > 0 {
			e := ev
			e.Kind, e.Dir, e.N = Flow, dir, pending
			r.emit(e)
			pending, last = 0, time.Now()
		}
	}
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				flush()
				return netops.IgnoreClosed(werr)
			}
			*total += int64(n)
			if r.cfg.Data {
				e := ev
				e.Kind, e.Dir, e.N, e.Data = Flow, dir, int64(n), buf[:n]
				r.emit(e)
			} else {
				pending += int64(n)
				if time.Since(last) >= r.cfg.Tick {
					flush()
				}
			}
		}
		if err != nil {
			flush()
			if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
				netops.CloseWrite(dst)
				e := ev
				e.Kind, e.Dir = HalfClosed, dir
				r.emit(e)
				return nil
			}
			return netops.IgnoreClosed(err)
		}
	}
}

// handshake runs tc's handshake within handshakeTimeout and returns the
// connection to relay through.
func handshake(ctx context.Context, tc *tls.Conn) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
	defer cancel()
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, err
	}
	return &netops.TLSConn{Conn: tc}, nil
}
