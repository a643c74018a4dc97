package netops

import (
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
)

var parseAddrTests = []struct{ in, want, err string }{
	{"127.0.0.1:8888", "127.0.0.1:8888", ""},
	{":8888", ":8888", ""},
	{"8888", ":8888", ""},
	{"localhost:0", "localhost:0", ""},
	{"[::1]:65432", "[::1]:65432", ""},
	{"", "", "empty address"},
	{"127.0.0.1:99999", "", "bad port"},
	{"127.0.0.1:-1", "", "bad port"},
	{"host:http", "", "bad port"},
	{"nohost", "", "bad address \"nohost\""},
	{"99999", "", "bad port \"99999\""},
	{"::1:80", "", "bad address"},
	{"a b:80", "", "bad host"},
}

func TestParseAddr(t *testing.T) {
	for _, tt := range parseAddrTests {
		got, err := ParseAddr(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseAddr(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseAddr(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzParseAddr checks that ParseAddr never panics and that what it accepts
// net.SplitHostPort accepts too, with a port in range.
func FuzzParseAddr(f *testing.F) {
	for _, tt := range parseAddrTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseAddr(s)
		if err != nil {
			return
		}
		_, p, err := net.SplitHostPort(got)
		if err != nil {
			t.Fatalf("ParseAddr(%q) = %q, which does not split: %v", s, got, err)
		}
		if _, err := ParsePort(p); err != nil {
			t.Fatalf("ParseAddr(%q) = %q with a bad port", s, got)
		}
	})
}

func TestReason(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&OpError{Op: "recv", Err: ErrTimeout}, "timeout"},
		{&OpError{Op: "connect", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, "refused"},
		{&OpError{Op: "recv", Err: syscall.ECONNRESET}, "reset"},
		{&OpError{Op: "send", Err: net.ErrClosed}, "closed"},
		{errors.New("odd"), "odd"},
		{nil, ""},
	} {
		if got := Reason(tt.err); got != tt.want {
			t.Errorf("Reason(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestTraceSeesCalls(t *testing.T) {
	tb := NewTable()
	defer tb.CloseAll()
	var names []string
	calls := make(chan Call, 64)
	tb.SetTrace(&Trace{Call: func(c Call) { calls <- c }})
	ctx := testCtx(t)
	ln, err := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := tb.Connect(ctx, "tcp", ln.LocalAddr(), DialOptions{})
	s, _ := ln.Accept(ctx, testTimeout)
	c.Send(ctx, []byte("x"), 0)
	s.Recv(ctx, 1, testTimeout)
	c.Close()
	tb.SetTrace(nil)
	close(calls)
	for c := range calls {
		names = append(names, c.Name)
	}
	got := strings.Join(names, " ")
	for _, want := range []string{"socket", "bind", "listen", "connect", "accept", "send", "recv", "close"} {
		if !strings.Contains(got, want) {
			t.Errorf("trace %q lacks %q", got, want)
		}
	}
}
