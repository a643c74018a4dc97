package netops

import (
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"
)

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
