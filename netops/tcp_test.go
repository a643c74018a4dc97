package netops

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"testing/synctest"
	"time"
)

func TestIDsAreSequentialAndNeverReused(t *testing.T) {
	tb, srv, cli := pair(t)
	if cli.ID != 2 || srv.ID != 3 {
		t.Fatalf("ids: client %d server %d, want 2 and 3", cli.ID, srv.ID)
	}
	cli.Close()
	ln2, err := tb.Listen(testCtx(t), "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ln2.ID != 4 {
		t.Fatalf("new id %d after closing 2, want 4", ln2.ID)
	}
	if tb.Has(2) {
		t.Fatal("closed socket still in the table")
	}
	var ids []int
	for _, s := range tb.List() {
		ids = append(ids, s.ID)
	}
	if len(ids) != 3 || ids[0] != 1 || ids[1] != 3 || ids[2] != 4 {
		t.Fatalf("List ids %v, want [1 3 4]", ids)
	}
}

func TestConnectRefused(t *testing.T) {
	tb := NewTable()
	addr := closedPort(t)
	_, err := tb.Connect(testCtx(t), "tcp", addr, DialOptions{})
	if Reason(err) != "refused" {
		t.Fatalf("Reason = %q (%v), want refused", Reason(err), err)
	}
	var oe *OpError
	if !errors.As(err, &oe) || oe.Op != "connect" || oe.Addr != addr {
		t.Fatalf("error %#v: want an *OpError for connect %s", err, addr)
	}
	if want := "connect tcp " + addr + ": connection refused"; err.Error() != want {
		t.Fatalf("message %q, want %q", err.Error(), want)
	}
}

// TestConnectRetry checks the retry loop: a fresh attempt every interval,
// each failure reported, giving up after Tries. synctest's clock makes the
// 2 s intervals instant.
func TestConnectRetry(t *testing.T) {
	addr := closedPort(t)
	synctest.Test(t, func(t *testing.T) {
		tb := NewTable()
		var attempts []time.Duration
		start := time.Now()
		_, err := tb.Connect(context.Background(), "tcp", addr, DialOptions{Retry: 2 * time.Second, Tries: 3,
			Attempt: func(n int, err error, next time.Duration) {
				if Reason(err) != "refused" {
					t.Errorf("attempt %d: %v", n, err)
				}
				attempts = append(attempts, time.Since(start))
			}})
		if Reason(err) != "refused" {
			t.Fatalf("final error %v", err)
		}
		want := []time.Duration{0, 2 * time.Second, 4 * time.Second}
		if len(attempts) != 3 {
			t.Fatalf("%d attempts, want 3", len(attempts))
		}
		for i := range want {
			if attempts[i] != want[i] {
				t.Fatalf("attempt times %v, want %v", attempts, want)
			}
		}
	})
}

// TestConnectRetryUntilServerUp starts the server only after two refused
// attempts, as the course's retrying client expects.
func TestConnectRetryUntilServerUp(t *testing.T) {
	addr := closedPort(t)
	tb := NewTable()
	defer tb.CloseAll()
	up := make(chan net.Listener, 1)
	c, err := tb.Connect(testCtx(t), "tcp", addr, DialOptions{Retry: 10 * time.Millisecond,
		Attempt: func(n int, err error, next time.Duration) {
			if n == 2 {
				l, lerr := net.Listen("tcp", addr)
				if lerr != nil {
					t.Errorf("listen: %v", lerr)
					return
				}
				up <- l
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	(<-up).Close()
	if c.RemoteAddr() != addr {
		t.Fatalf("connected to %s, want %s", c.RemoteAddr(), addr)
	}
}

func TestConnectCancelDuringRetry(t *testing.T) {
	addr := closedPort(t)
	ctx, cancel := context.WithCancel(context.Background())
	tb := NewTable()
	_, err := tb.Connect(ctx, "tcp", addr, DialOptions{Retry: time.Hour,
		Attempt: func(int, error, time.Duration) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want canceled", err)
	}
}

func TestAcceptTimeoutAndCancel(t *testing.T) {
	tb := NewTable()
	defer tb.CloseAll()
	ln, err := tb.Listen(testCtx(t), "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ln.Accept(testCtx(t), 20*time.Millisecond); Reason(err) != "timeout" {
		t.Fatalf("accept: %v, want timeout", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	if _, err := ln.Accept(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("accept: %v, want canceled", err)
	}
	// The listener still works after a cancelled accept.
	go net.Dial("tcp", ln.LocalAddr())
	if _, err := ln.Accept(testCtx(t), testTimeout); err != nil {
		t.Fatalf("accept after cancel: %v", err)
	}
}

func TestListenInUse(t *testing.T) {
	tb := NewTable()
	defer tb.CloseAll()
	ln, err := tb.Listen(testCtx(t), "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tb.Listen(testCtx(t), "tcp", ln.LocalAddr(), ListenOptions{})
	if Reason(err) != "in use" {
		t.Fatalf("second listen: %v, want in use", err)
	}
}

func TestWrongKind(t *testing.T) {
	tb := NewTable()
	defer tb.CloseAll()
	ctx := testCtx(t)
	ln, _ := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{})
	if _, err := ln.Recv(ctx, 10, 0); !errors.Is(err, ErrWrongKind) {
		t.Errorf("recv on listener: %v", err)
	}
	if _, err := ln.Send(ctx, []byte("x"), 0); !errors.Is(err, ErrWrongKind) {
		t.Errorf("send on listener: %v", err)
	}
	c, _ := tb.Connect(ctx, "tcp", ln.LocalAddr(), DialOptions{})
	if _, err := c.Accept(ctx, 0); !errors.Is(err, ErrWrongKind) {
		t.Errorf("accept on conn: %v", err)
	}
	if _, err := c.SendTo(ctx, []byte("x"), ln.LocalAddr(), 0); !errors.Is(err, ErrWrongKind) {
		t.Errorf("sendto on tcp: %v", err)
	}
	if _, err := tb.Get(99); !errors.Is(err, ErrNoSocket) {
		t.Errorf("Get(99): %v", err)
	}
}

func TestShutdownWriteGivesPeerEOF(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	if _, err := cli.Send(ctx, []byte("last words"), 0); err != nil {
		t.Fatal(err)
	}
	if err := cli.Shutdown("write"); err != nil {
		t.Fatal(err)
	}
	got, err := srv.RecvAll(ctx, testTimeout, 0)
	if err != nil || string(got) != "last words" {
		t.Fatalf("RecvAll = %q, %v", got, err)
	}
	// The half-closed client can still receive.
	srv.Send(ctx, []byte("reply"), 0)
	if b, err := cli.Recv(ctx, 100, testTimeout); string(b) != "reply" {
		t.Fatalf("half-closed client got %q, %v", b, err)
	}
	var ie *InputError
	if err := cli.Shutdown("sideways"); !errors.As(err, &ie) || ie.Want != "direction" {
		t.Fatalf("bad direction: %v", err)
	}
}

func TestCloseTwiceAndUseAfterClose(t *testing.T) {
	_, srv, cli := pair(t)
	if err := cli.Close(); err != nil {
		t.Fatal(err)
	}
	if err := cli.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
	if _, err := cli.Send(testCtx(t), []byte("x"), 0); Reason(err) != "closed" {
		t.Fatalf("send after close: %v", err)
	}
	if _, err := srv.Recv(testCtx(t), 10, testTimeout); err != io.EOF {
		t.Fatalf("peer recv after close: %v, want io.EOF", err)
	}
}

func TestCounters(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	cli.Send(ctx, []byte("12345"), 0)
	srv.RecvUntil(ctx, []byte("5"), testTimeout, 0)
	ci, si := cli.Info(), srv.Info()
	if ci.Out != 5 || si.In != 5 || ci.In != 0 || si.Out != 0 {
		t.Fatalf("counters client %+v server %+v", ci, si)
	}
	if ci.Remote != srv.LocalAddr() || si.Remote != cli.LocalAddr() {
		t.Fatalf("addresses client %s->%s server %s->%s", ci.Local, ci.Remote, si.Local, si.Remote)
	}
}
