package netops

import (
	"errors"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fact is the whole vocabulary netops may put in an error after its
// "[ID] op net addr: " prefix: the system's own error text (optionally with
// the errno's name), or one of its own terse facts. Advice, narration and
// shell syntax ("use sendto", "set option reuseaddr", "want HOST:PORT")
// belong to the catalog (package words), which the shell and Lua render.
var fact = regexp.MustCompile(`^(` +
	`(bad|unknown) [a-z]+ "[^"]*"|empty address|` +
	`wrong kind of socket \((listener|conn|udp|socket)\)|too long \(over \d+ bytes\)|` +
	`timed out( after [0-9.]+[a-zµ]+)?|no such socket|no peer yet|use of closed network connection|` +
	`(?P<sys>[a-z ]+)( \(E[A-Z]+(, Windows WSAE[A-Z]+ \d+)?\))?` +
	`)$`)

// checkFact fails when err's text, past its operation prefix, is not a fact.
func checkFact(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	text := err.Error()
	var oe *OpError
	if errors.As(err, &oe) {
		text = causeText(oe.Err)
	}
	m := fact.FindStringSubmatch(text)
	if m == nil {
		t.Errorf("%s: %q is not a bare fact", what, text)
		return
	}
	if sys := m[fact.SubexpIndex("sys")]; sys != "" {
		var en syscall.Errno
		if !errors.As(err, &en) || en.Error() != sys {
			t.Errorf("%s: %q is neither the system's error text nor a netops fact", what, text)
		}
	}
}

// TestErrorsAreFacts walks netops' exported errors and the errors its
// operations return on misuse and on the kernel's refusals: each is a fact
// (the system's text, a value, a kind), never advice or shell syntax.
func TestErrorsAreFacts(t *testing.T) {
	for _, e := range []error{ErrTimeout, ErrTooLong, ErrNoSocket, ErrWrongKind, ErrNoPeer, ErrBudget} {
		if strings.ContainsAny(e.Error(), ":;") || len(strings.Fields(e.Error())) > 4 {
			t.Errorf("exported error %q is more than a fact", e)
		}
	}
	ctx := testCtx(t)
	tb, srv, cli := pair(t)
	_, err := ParseAddr("nohost")
	checkFact(t, "ParseAddr", err)
	_, err = ParseAddr("")
	checkFact(t, "ParseAddr empty", err)
	_, err = ParseAddr("[::1")
	checkFact(t, "ParseAddr IPv6", err)
	_, err = ParsePort("70000")
	checkFact(t, "ParsePort", err)
	_, err = ParseProto("sctp")
	checkFact(t, "ParseProto", err)
	_, err = cli.SetOption("nagle", "on")
	checkFact(t, "SetOption unknown", err)
	_, err = cli.SetOption("linger", "soon")
	checkFact(t, "SetOption linger", err)
	_, err = cli.SetOption("nodelay", "maybe")
	checkFact(t, "SetOption switch", err)
	checkFact(t, "Shutdown", cli.Shutdown("sideways"))
	_, err = cli.Recv(ctx, 0, 0)
	checkFact(t, "Recv size", err)
	ln := tb.List()[0]
	_, err = ln.Recv(ctx, 10, 0)
	checkFact(t, "Recv on listener", err)
	_, err = ln.Send(ctx, []byte("x"), 0)
	checkFact(t, "Send on listener", err)
	_, err = cli.Accept(ctx, 0)
	checkFact(t, "Accept on conn", err)
	_, err = cli.SendTo(ctx, []byte("x"), "127.0.0.1:9", 0)
	checkFact(t, "SendTo on conn", err)
	_, _, err = cli.RecvFrom(ctx, 10, 0)
	checkFact(t, "RecvFrom on conn", err)
	srv.Send(ctx, []byte("no newline"), 0)
	_, err = cli.RecvLine(ctx, testTimeout, 4)
	checkFact(t, "RecvLine over limit", err)
	_, err = srv.Recv(ctx, 10, 1)
	checkFact(t, "Recv timeout", err)
	_, err = tb.Get(99)
	checkFact(t, "Get", err)
	_, err = tb.Connect(ctx, "tcp", closedPort(t), DialOptions{})
	checkFact(t, "Connect refused", err)
	_, err = tb.Listen(ctx, "tcp", ln.LocalAddr(), ListenOptions{})
	checkFact(t, "Listen in use", err)
	needUDP(t)
	u, err := tb.Listen(ctx, "udp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = u.Send(ctx, []byte("x"), 0)
	checkFact(t, "Send on UDP without peer", err)
	_, err = u.RecvLine(ctx, 0, 0)
	checkFact(t, "RecvLine on UDP", err)
}

// TestTraceCarriesFacts checks that trace events are data: a call's name,
// its C-like arguments and result, its error and the TCP state; String
// renders them as C would, with the errno's name and no comment.
func TestTraceCarriesFacts(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	var mu sync.Mutex
	var calls []Call
	tb.SetTrace(&Trace{Call: func(c Call) { mu.Lock(); calls = append(calls, c); mu.Unlock() }})
	ln, err := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Connect(ctx, "tcp", ln.LocalAddr(), DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c.Send(ctx, []byte("hi"), 0)
	c.Close()
	tb.Connect(ctx, "tcp", closedPort(t), DialOptions{})
	mu.Lock()
	defer mu.Unlock()
	if len(calls) < 4 {
		t.Fatalf("only %d calls traced", len(calls))
	}
	call := regexp.MustCompile(`^[a-z]+\([^()]*\)( = (-1 E[A-Z]+|[^=]*))?$`)
	sawErr := false
	for _, c := range calls {
		s := c.String()
		if !call.MatchString(s) || strings.ContainsAny(c.Args+c.Result, ";") {
			t.Errorf("trace event %q is not a bare call", s)
		}
		if c.State != "" && strings.ToUpper(c.State) != c.State {
			t.Errorf("trace event %q: state %q is not a kernel state name", s, c.State)
		}
		sawErr = sawErr || c.Err != nil
	}
	if !sawErr {
		t.Error("the refused connect was not traced with its errno")
	}
}

// TestTraceOneByte: a call that moves one byte says "1 byte", not "1 bytes".
func TestTraceOneByte(t *testing.T) {
	ctx := testCtx(t)
	tb, a, c := pair(t)
	var mu sync.Mutex
	var calls []string
	tb.SetTrace(&Trace{Call: func(c Call) { mu.Lock(); calls = append(calls, c.String()); mu.Unlock() }})
	if _, err := c.Send(ctx, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Recv(ctx, 10, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	all := strings.Join(calls, "\n")
	if !regexp.MustCompile(`(?m)^send\(fd \d+, 1 byte\) = 1$`).MatchString(all) || !regexp.MustCompile(`(?m)^recv\(fd \d+, 10\) = 1 byte$`).MatchString(all) {
		t.Errorf("calls:\n%s", all)
	}
}
