package netops

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestOSDefaults checks that connections start with the system's defaults
// (TCP_NODELAY and SO_KEEPALIVE off), as in C and Python, whichever way
// they were made: connect, accept, and the step-by-step connect; and that
// each setsockopt that restores them is traced.
func TestOSDefaults(t *testing.T) {
	tb := NewTable()
	defer tb.CloseAll()
	var calls []string
	tb.SetTrace(&Trace{Call: func(c Call) {
		if c.Name == "setsockopt" {
			calls = append(calls, c.Args)
		}
	}})
	ctx := context.Background()
	ln, err := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Connect(ctx, "tcp", ln.LocalAddr(), DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := ln.Accept(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	socks := []*Socket{c, a}
	if st, err := tb.Socket("tcp", ""); err == nil {
		sc, err := st.Connect(ctx, ln.LocalAddr(), 0)
		switch {
		case errors.Is(err, ErrNotAvailable): // Wine 8 cannot hand a socket to Go's runtime
		case err != nil:
			t.Fatal(err)
		default:
			socks = append(socks, sc)
		}
	}
	for _, s := range socks {
		for _, o := range []string{"nodelay", "keepalive"} {
			if v, err := s.Option(o); err != nil || v != "off" {
				t.Errorf("[%d] %s: %q, %v; want off", s.ID, o, v, err)
			}
		}
	}
	got := strings.Join(calls, " | ")
	if !strings.Contains(got, "TCP_NODELAY, 0") || !strings.Contains(got, "SO_KEEPALIVE, 0") {
		t.Errorf("setsockopt calls traced: %s", got)
	}
}
