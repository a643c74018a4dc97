package netops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"
	"testing"
	"time"
)

func TestOptions(t *testing.T) {
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	s, err := tb.Socket("tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, set, want string }{
		{"reuseaddr", "on", "on"}, {"reuseaddr", "off", "off"}, {"reuseport", "1", "on"},
		{"nodelay", "on", "on"}, {"keepalive", "yes", "on"}, {"linger", "5", "5"}, {"linger", "off", "off"},
		{"rcvbuf", "65536", "131072"}, {"SO_SNDBUF", "65536", "131072"},
	} {
		got, err := s.SetOption(c.name, c.set)
		if err != nil || got != c.want {
			t.Errorf("option %s %s = %q, %v; want %q", c.name, c.set, got, err, c.want)
		}
		if got, _ := s.Option(c.name); got != c.want {
			t.Errorf("option %s reads %q, want %q", c.name, got, c.want)
		}
	}
	all := s.Options()
	if len(all) != len(OptionNames) {
		t.Fatalf("Options: %d", len(all))
	}
	for _, o := range all {
		if o.Err != nil || o.Value == "" || o.Sys == "" {
			t.Errorf("option %+v", o)
		}
	}
	for _, bad := range [][2]string{{"nosuch", "1"}, {"nodelay", "maybe"}, {"linger", "-1"}, {"rcvbuf", "x"}} {
		if _, err := s.SetOption(bad[0], bad[1]); err == nil {
			t.Errorf("option %s %s: no error", bad[0], bad[1])
		}
	}
}

// timeWaitOn makes a connection to ln, has the server side close first so
// that it ends in TIME_WAIT on ln's port, closes ln, and returns its address.
func timeWaitOn(t *testing.T, tb *Table, ln *Socket) string {
	t.Helper()
	ctx := testCtx(t)
	addr := ln.LocalAddr()
	c, err := tb.Connect(ctx, "tcp", addr, DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ln.Accept(ctx, testTimeout)
	if err != nil {
		t.Fatal(err)
	}
	sl, sr := srv.LocalAddr(), srv.RemoteAddr()
	srv.Close() // the server closes first: its side ends in TIME_WAIT
	ln.Close()
	if _, err := c.Recv(ctx, 10, testTimeout); err != io.EOF {
		t.Fatalf("client recv: %v", err)
	}
	c.Close()
	e := waitNetstat(t, tb, sl, sr, "TIME_WAIT")
	if e.Owner != "kernel" {
		t.Errorf("TIME_WAIT owner %q", e.Owner)
	}
	return addr
}

// TestReuseAddrAndTimeWait shows why servers set SO_REUSEADDR: without it a
// port whose last connection is in TIME_WAIT cannot be bound again.
func TestReuseAddrAndTimeWait(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	ln, err := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{Backlog: 3})
	if err != nil {
		t.Fatal(err)
	}
	if inf := ln.Info(); inf.Backlog != 3 || inf.State != "LISTEN" {
		t.Errorf("one-step listen: %+v, want backlog 3", inf)
	}
	if v, _ := ln.Option("reuseaddr"); v != "on" {
		t.Errorf("one-step listener reuseaddr %s", v)
	}
	addr := timeWaitOn(t, tb, ln)
	s, err := tb.Socket("tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Bind(addr)
	if !errors.Is(err, syscall.EADDRINUSE) || Errno(err) != "EADDRINUSE" || FailedCall(err) != "bind" {
		t.Fatalf("bind over TIME_WAIT without reuseaddr: %v", err)
	}
	if _, err := s.SetOption("reuseaddr", "on"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Bind(addr); err != nil {
		t.Fatalf("bind with reuseaddr: %v", err)
	}
	s.Close()
	// The one-step listen sets SO_REUSEADDR itself.
	if _, err := tb.Listen(ctx, "tcp", addr, ListenOptions{}); err != nil {
		t.Fatalf("listen over TIME_WAIT: %v", err)
	}
}

// TestReuseAddrNeedsBothSides: on Linux the connection in TIME_WAIT must
// also have had SO_REUSEADDR (inherited from its listener) for a new bind
// with SO_REUSEADDR to succeed.
func TestReuseAddrNeedsBothSides(t *testing.T) {
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	addr := timeWaitOn(t, tb, stepServer(t, tb, 0))
	s, err := tb.Socket("tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetOption("reuseaddr", "on"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Bind(addr); Errno(err) != "EADDRINUSE" {
		t.Fatalf("bind: %v, want EADDRINUSE", err)
	}
}

func TestSynSentWhenBacklogFull(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	ln := stepServer(t, tb, 1)
	addr := ln.LocalAddr()
	// With backlog 1 the queue is full once two handshakes wait in it; the
	// kernel then drops the next SYN and that client stays in SYN_SENT.
	for range 2 {
		if _, err := tb.Connect(ctx, "tcp", addr, DialOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	s, err := tb.Socket("tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		_, err := s.Connect(cctx, addr, 0)
		done <- err
	}()
	end := time.Now().Add(testTimeout)
	for s.State() != "SYN_SENT" {
		if time.Now().After(end) {
			cancel()
			t.Skipf("never saw SYN_SENT (state %s): this kernel answered the SYN though the queue was full", s.State())
		}
		time.Sleep(2 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled connect: %v", err)
		}
	case <-time.After(testTimeout):
		t.Fatal("connect did not end on cancel")
	}
	// The kernel goes on trying: a second connect says so.
	if _, err := s.Connect(ctx, addr, 200*time.Millisecond); !errors.Is(err, syscall.EALREADY) && Reason(err) != "timeout" {
		t.Errorf("connect again while the kernel still tries: %v; want EALREADY (or a timeout)", err)
	}
}

// stepMisuses are the mistakes of the course, each with the errno the
// kernel answers.
var stepMisuses = []struct {
	name  string
	errno string
	do    func(ctx context.Context, tb *Table, s *Socket, server, closed string) error
}{
	{"bind in use", "EADDRINUSE", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		_, err := s.Bind(server)
		return err
	}},
	{"bind twice", "EINVAL", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		if _, err := s.Bind("127.0.0.1:0"); err != nil {
			return nil
		}
		_, err := s.Bind("127.0.0.1:0")
		return err
	}},
	{"bind foreign address", "EADDRNOTAVAIL", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		_, err := s.Bind("192.0.2.1:0")
		return err
	}},
	{"connect refused", "ECONNREFUSED", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		_, err := s.Connect(ctx, closed, time.Second)
		return err
	}},
	{"connect twice", "EISCONN", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		c, err := s.Connect(ctx, server, time.Second)
		if err != nil {
			return fmt.Errorf("first connect: %w", err)
		}
		_, err = c.Connect(ctx, server, time.Second)
		return err
	}},
	{"listen after connect", "EINVAL", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		c, err := s.Connect(ctx, server, time.Second)
		if err != nil {
			return nil
		}
		_, err = c.Listen(0)
		return err
	}},
	{"accept before listen", "EINVAL", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		_, err := s.Accept(ctx, time.Second)
		return err
	}},
	{"recv before connect", "ENOTCONN", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		_, err := s.Recv(ctx, 10, time.Second)
		return err
	}},
	{"send before connect", "EPIPE", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		_, err := s.Send(ctx, []byte("x"), time.Second)
		return err
	}},
	{"shutdown before connect", "ENOTCONN", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		return s.Shutdown("write")
	}},
	{"connect to a listener", "EISCONN", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		l, err := s.Listen(0)
		if err != nil {
			return nil
		}
		_, err = l.Connect(ctx, server, time.Second)
		return err
	}},
	{"bind IPv6 on IPv4 socket", "EAFNOSUPPORT", func(ctx context.Context, tb *Table, s *Socket, server, closed string) error {
		_, err := s.Bind("[::1]:0")
		return err
	}},
}
