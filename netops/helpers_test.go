package netops

import (
	"context"
	"net"
	"testing"
	"time"
)

// testTimeout bounds every wait in these tests so a bug fails fast.
const testTimeout = 5 * time.Second

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// pair returns a connected pair of sockets from one table: a listener's
// accepted side and the client side.
func pair(t *testing.T) (tb *Table, server, client *Socket) {
	t.Helper()
	ctx := testCtx(t)
	tb = NewTable()
	t.Cleanup(tb.CloseAll)
	ln, err := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	client, err = tb.Connect(ctx, "tcp", ln.LocalAddr(), DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	server, err = ln.Accept(ctx, testTimeout)
	if err != nil {
		t.Fatal(err)
	}
	return tb, server, client
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// needUDP skips a test where UDP sockets cannot be opened: under Wine 8,
// Go's UDP sockets fail (Go calls WSAIoctl(SIO_UDP_NETRESET), which Wine 8
// does not implement).
func needUDP(t *testing.T) {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("UDP sockets cannot be opened here (%v): Wine 8 lacks SIO_UDP_NETRESET", err)
	}
	c.Close()
}
