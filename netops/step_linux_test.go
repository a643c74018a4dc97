package netops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// waitState polls the kernel until s (or whatever holds its id now) is in
// state want, failing after testTimeout. Polling is the only way to see a
// state transition: the kernel sends no signal for it.
func waitState(t *testing.T, s *Socket, want string) {
	t.Helper()
	end := time.Now().Add(testTimeout)
	for {
		got := s.current().State()
		if got == want {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("[%d] state %q, want %q", s.ID, got, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitNetstat polls the kernel's table until an entry between local and
// remote is in state want.
func waitNetstat(t *testing.T, tb *Table, local, remote, want string) NetEntry {
	t.Helper()
	end := time.Now().Add(testTimeout)
	var last []NetEntry
	for {
		es, err := tb.Netstat(Port(local))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.Local == local && e.Remote == remote && e.State == want {
				return e
			}
		}
		last = es
		if time.Now().After(end) {
			t.Fatalf("no %s entry %s -> %s in netstat: %+v", want, local, remote, last)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// recorder collects trace calls.
type recorder struct {
	mu    sync.Mutex
	calls []Call
}

func (r *recorder) trace() *Trace {
	return &Trace{Call: func(c Call) { r.mu.Lock(); r.calls = append(r.calls, c); r.mu.Unlock() }}
}

func (r *recorder) names() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var l []string
	for _, c := range r.calls {
		l = append(l, c.Name)
	}
	return strings.Join(l, " ")
}

func (r *recorder) find(name string) Call {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.calls) - 1; i >= 0; i-- {
		if r.calls[i].Name == name {
			return r.calls[i]
		}
	}
	return Call{}
}

// stepServer builds a listener one call at a time on 127.0.0.1:0.
func stepServer(t *testing.T, tb *Table, backlog int) *Socket {
	t.Helper()
	s, err := tb.Socket("tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Bind("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen(backlog)
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

func TestStepServerStates(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	var rec recorder
	tb.SetTrace(rec.trace())

	s, err := tb.Socket("tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	fd := s.Info().FD
	if s.Kind != KindStep || fd < 0 {
		t.Fatalf("socket: kind %v fd %d", s.Kind, fd)
	}
	if st := s.State(); st != "CLOSE" {
		t.Errorf("after socket: state %q, want CLOSE", st)
	}
	if c := rec.find("socket"); c.Result != "fd "+strconv.Itoa(fd) || c.Args != "AF_INET, SOCK_STREAM" {
		t.Errorf("socket call %+v", c)
	}
	if _, err := s.Bind("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	addr := s.LocalAddr()
	if Port(addr) == 0 || s.State() != "CLOSE" {
		t.Fatalf("after bind: local %q state %q", addr, s.State())
	}
	ln, err := s.Listen(5)
	if err != nil {
		t.Fatal(err)
	}
	if ln.ID != s.ID || ln.Kind != KindListener {
		t.Fatalf("listen: id %d kind %v, want id %d listener", ln.ID, ln.Kind, s.ID)
	}
	if got, _ := tb.Get(s.ID); got != ln {
		t.Fatal("table slot does not hold the listener")
	}
	inf := ln.Info()
	if inf.State != "LISTEN" || inf.FD != fd || inf.Backlog != 5 || inf.Queue != 0 || inf.Local != addr {
		t.Fatalf("listener info %+v, want LISTEN fd %d backlog 5 queue 0 at %s", inf, fd, addr)
	}

	// The handshake completes before accept: two clients wait in the queue.
	c1, err := tb.Connect(ctx, "tcp", addr, DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c2, err := tb.Socket("tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	c2, err = c2.Connect(ctx, addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if c1.State() != "ESTABLISHED" || c2.State() != "ESTABLISHED" || c2.Kind != KindConn {
		t.Fatalf("clients: %s %s kind %v", c1.State(), c2.State(), c2.Kind)
	}
	if c1.LocalAddr() == c2.LocalAddr() {
		t.Errorf("two clients share the port %s", c1.LocalAddr())
	}
	end := time.Now().Add(testTimeout)
	for ln.Info().Queue != 2 && time.Now().Before(end) {
		time.Sleep(5 * time.Millisecond)
	}
	if q := ln.Info().Queue; q != 2 {
		t.Fatalf("accept queue %d, want 2", q)
	}
	a, err := ln.Accept(ctx, testTimeout)
	if err != nil {
		t.Fatal(err)
	}
	if a.State() != "ESTABLISHED" || ln.Info().Queue != 1 {
		t.Fatalf("after accept: %s, queue %d", a.State(), ln.Info().Queue)
	}
	if a.RemoteAddr() != c1.LocalAddr() {
		t.Errorf("accepted %s, want the first client %s", a.RemoteAddr(), c1.LocalAddr())
	}
	// Each connection is given the system's defaults back (setsockopt).
	sys := "setsockopt setsockopt setsockopt setsockopt"
	if got := rec.names(); !strings.HasPrefix(got, "socket bind listen socket connect setsockopt socket connect "+sys+" accept "+sys) {
		t.Errorf("calls %q", got)
	}
	// The spent step socket forwards Close to the listener.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !ln.Closed() || tb.Has(ln.ID) {
		t.Fatal("closing the step socket did not close its listener")
	}
}

// TestCloseSequence follows the FIN sequence: the side that closes first
// goes FIN_WAIT_2 then TIME_WAIT, the other CLOSE_WAIT until it closes.
func TestCloseSequence(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	var rec recorder
	tb.SetTrace(rec.trace())
	ln := stepServer(t, tb, 0)
	c, err := tb.Connect(ctx, "tcp", ln.LocalAddr(), DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ln.Accept(ctx, testTimeout)
	if err != nil {
		t.Fatal(err)
	}
	cl, cr := c.LocalAddr(), c.RemoteAddr()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if st := rec.find("close").State; st != "FIN_WAIT_1" && st != "FIN_WAIT_2" {
		t.Errorf("close traced state %q, want FIN_WAIT_1 or 2", st)
	}
	waitNetstat(t, tb, cl, cr, "FIN_WAIT_2")
	if _, err := srv.Recv(ctx, 10, testTimeout); err != io.EOF {
		t.Fatalf("recv after peer close: %v, want EOF", err)
	}
	if st := srv.State(); st != "CLOSE_WAIT" {
		t.Fatalf("after EOF: %s, want CLOSE_WAIT", st)
	}
	if c := rec.find("recv"); c.State != "CLOSE_WAIT" {
		t.Errorf("recv call %+v", c)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if st := rec.find("close").State; st != "LAST_ACK" && st != "CLOSED" {
		t.Errorf("passive close traced %q, want LAST_ACK or CLOSED", st)
	}
	e := waitNetstat(t, tb, cl, cr, "TIME_WAIT")
	if e.Inode != 0 || e.Owner != "kernel" || e.ID != 0 {
		t.Errorf("TIME_WAIT entry %+v", e)
	}
	// The listener is in netstat too, with its owner.
	es, _ := tb.Netstat(Port(ln.LocalAddr()))
	found := false
	for _, e := range es {
		if e.State == "LISTEN" && e.ID == ln.ID && e.Owner == "table" && e.FD == ln.Info().FD {
			found = true
		}
	}
	if !found {
		t.Errorf("listener not in netstat with its owner: %+v", es)
	}
}

func TestHalfClose(t *testing.T) {
	ctx := testCtx(t)
	_, srv, c := pair(t)
	if err := c.Shutdown("write"); err != nil {
		t.Fatal(err)
	}
	waitState(t, c, "FIN_WAIT_2")
	if _, err := srv.Recv(ctx, 10, testTimeout); err != io.EOF {
		t.Fatalf("recv: %v", err)
	}
	if srv.State() != "CLOSE_WAIT" {
		t.Fatalf("server %s", srv.State())
	}
	// A half-closed connection still carries data the other way.
	if _, err := srv.Send(ctx, []byte("bye"), testTimeout); err != nil {
		t.Fatal(err)
	}
	if b, err := c.Recv(ctx, 10, testTimeout); err != nil || string(b) != "bye" {
		t.Fatalf("recv %q %v", b, err)
	}
}

func TestLingerZeroResets(t *testing.T) {
	ctx := testCtx(t)
	tb, srv, c := pair(t)
	var rec recorder
	tb.SetTrace(rec.trace())
	if v, err := c.SetOption("linger", "0"); err != nil || v != "0" {
		t.Fatalf("linger: %q %v", v, err)
	}
	if !strings.Contains(rec.find("setsockopt").Args, "SO_LINGER") {
		t.Errorf("setsockopt call %+v", rec.find("setsockopt"))
	}
	cl, cr := c.LocalAddr(), c.RemoteAddr()
	c.Close()
	if st := rec.find("close").State; st != "CLOSED" {
		t.Errorf("close with linger 0 left %q, want CLOSED (no TIME_WAIT)", st)
	}
	_, err := srv.Recv(ctx, 10, testTimeout)
	if !errors.Is(err, syscall.ECONNRESET) || Reason(err) != "reset" {
		t.Fatalf("recv after RST: %v", err)
	}
	es, _ := tb.Netstat(Port(cl))
	for _, e := range es {
		if e.Local == cl && e.Remote == cr {
			t.Errorf("reset connection still in the kernel: %+v", e)
		}
	}
}

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

func TestStepMisuseErrnos(t *testing.T) {
	for _, m := range stepMisuses {
		t.Run(m.name, func(t *testing.T) {
			ctx := testCtx(t)
			tb := NewTable()
			t.Cleanup(tb.CloseAll)
			var rec recorder
			tb.SetTrace(rec.trace())
			srv := stepServer(t, tb, 0)
			s, err := tb.Socket("tcp", "")
			if err != nil {
				t.Fatal(err)
			}
			err = m.do(ctx, tb, s, srv.LocalAddr(), closedPort(t))
			if err == nil {
				t.Fatal("no error")
			}
			if got := Errno(err); got != m.errno {
				t.Fatalf("errno %s (%v), want %s", got, err, m.errno)
			}
			if !strings.Contains(err.Error(), "("+m.errno+")") {
				t.Errorf("error %q does not name %s", err, m.errno)
			}
			var op *OpError
			if !errors.As(err, &op) || op.ID != s.ID {
				t.Errorf("error %#v does not name socket [%d]", err, s.ID)
			}
			rec.mu.Lock()
			last := rec.calls[len(rec.calls)-1]
			rec.mu.Unlock()
			if last.Err == nil || !strings.HasSuffix(last.String(), "= -1 "+m.errno) || last.Name != FailedCall(err) {
				t.Errorf("last traced call %q, error %v", last.String(), err)
			}
		})
	}
}

func TestStepUDP(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	s, err := tb.Socket("udp", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Listen(0); Errno(err) != "EOPNOTSUPP" || FailedCall(err) != "listen" {
		t.Fatalf("listen on UDP: %v", err)
	}
	p, err := s.Bind("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindPacket || p.ID != s.ID || p.State() != "" {
		t.Fatalf("bound UDP: kind %v id %d state %q", p.Kind, p.ID, p.State())
	}
	c, err := tb.Socket("udp", "")
	if err != nil {
		t.Fatal(err)
	}
	c, err = c.Connect(ctx, p.LocalAddr(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(ctx, []byte("hello"), testTimeout); err != nil {
		t.Fatal(err)
	}
	b, from, err := p.RecvFrom(ctx, 100, testTimeout)
	if err != nil || string(b) != "hello" || from != c.LocalAddr() {
		t.Fatalf("recvfrom %q %s %v", b, from, err)
	}
	// An error about this side names this side's address, not the last sender's.
	var oe *OpError
	if _, err := p.Listen(0); !errors.As(err, &oe) || oe.Addr != p.LocalAddr() {
		t.Errorf("listen on the bound UDP socket: %v; want it to name %s", err, p.LocalAddr())
	}
	es, err := tb.Netstat(Port(p.LocalAddr()))
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]bool{}
	for _, e := range es {
		states[e.Proto+" "+e.State] = true
	}
	if !states["udp UNCONN"] || !states["udp CONNECTED"] {
		t.Errorf("netstat udp: %+v", es)
	}
}

func TestStepCloseRacesListen(t *testing.T) {
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	for range 20 {
		s, err := tb.Socket("tcp", "")
		if err != nil {
			t.Fatal(err)
		}
		go s.Info()
		done := make(chan struct{})
		go func() { s.Close(); close(done) }()
		if ln, err := s.Listen(0); err == nil {
			waitDone(t, done)
			if !ln.Closed() {
				ln.Close()
				t.Error("listen won the race but close did not reach it")
			}
		}
		waitDone(t, done)
		if tb.Has(s.ID) {
			t.Fatal("closed socket still in the table")
		}
	}
}

func TestCallString(t *testing.T) {
	for _, c := range []struct {
		call Call
		want string
	}{
		{Call{Name: "socket", Args: "AF_INET, SOCK_STREAM", Result: "fd 5"}, "socket(AF_INET, SOCK_STREAM) = fd 5"},
		{Call{Name: "bind", Args: "fd 5, 0.0.0.0:8888"}, "bind(fd 5, 0.0.0.0:8888)"},
		{Call{Name: "connect", Args: "fd 5, 127.0.0.1:9", Err: &SysError{Call: "connect", Errno: syscall.ECONNREFUSED}}, "connect(fd 5, 127.0.0.1:9) = -1 ECONNREFUSED"},
	} {
		if got := c.call.String(); got != c.want {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}

// waitDone waits for done, failing the test after testTimeout.
func waitDone(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(testTimeout):
		t.Fatal("Close did not return")
	}
}
