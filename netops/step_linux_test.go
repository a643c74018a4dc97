package netops

import (
	"errors"
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
