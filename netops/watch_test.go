package netops

import (
	"testing"
	"time"
)

func TestWatchReportsWithoutTaking(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	got := make(chan Arrival, 4)
	done := make(chan struct{})
	go func() { srv.Watch(func(a Arrival) { got <- a }); close(done) }()
	cli.Send(ctx, []byte("hi\x1b"), 0)
	a := wait(t, got)
	if a.Pending != 3 || string(a.Preview) != "hi\x1b" || a.EOF {
		t.Fatalf("arrival %+v", a)
	}
	if b, _ := srv.Recv(ctx, 10, testTimeout); string(b) != "hi\x1b" {
		t.Fatalf("the watched data was taken: recv %q", b)
	}
	cli.Close()
	if a := wait(t, got); !a.EOF {
		t.Fatalf("after peer close: %+v, want EOF", a)
	}
	srv.Close()
	select {
	case <-done:
	case <-time.After(testTimeout):
		t.Fatal("Watch did not return after Close")
	}
}

func TestWatchListener(t *testing.T) {
	tb := NewTable()
	defer tb.CloseAll()
	ctx := testCtx(t)
	ln, _ := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{})
	got := make(chan Arrival, 4)
	go ln.Watch(func(a Arrival) { got <- a })
	if _, err := tb.Connect(ctx, "tcp", ln.LocalAddr(), DialOptions{}); err != nil {
		t.Fatal(err)
	}
	if a := wait(t, got); a.Clients < 1 {
		t.Fatalf("arrival %+v, want a waiting client", a)
	}
}

func wait(t *testing.T, c chan Arrival) Arrival {
	t.Helper()
	select {
	case a := <-c:
		return a
	case <-time.After(testTimeout):
		t.Fatal("no arrival reported")
	}
	return Arrival{}
}

// TestWatchTakenEOF: an end of stream that a receive returned has been
// taken, so a watcher's next look does not report it (the shell printed
// "the peer finished sending (FIN)" after interact or recv --all had shown
// it, and twice after interact), with poll(2) and with a Poller.
func TestWatchTakenEOF(t *testing.T) {
	for _, withPoller := range []bool{false, true} {
		_, srv, cli := pair(t)
		ctx := testCtx(t)
		var p *Poller
		if withPoller {
			var err error
			if p, err = NewPoller(); err != nil {
				continue // poll(2) only on this system: the first round covered it
			}
			defer p.Close()
		}
		got := make(chan Arrival, 4)
		go srv.WatchWith(p, func(a Arrival) { got <- a })
		cli.Send(ctx, []byte("x"), 0)
		if a := wait(t, got); a.Pending != 1 {
			t.Fatalf("arrival %+v", a)
		}
		cli.Close()
		if b, err := srv.RecvAll(ctx, testTimeout, 0); string(b) != "x" || err != nil {
			t.Fatalf("recv all: %q %v", b, err)
		}
		if a := wait(t, got); a.EOF || a.Pending != 0 {
			t.Fatalf("poller %v: after a receive returned the end of stream, the watcher reported %+v", withPoller, a)
		}
	}
}
