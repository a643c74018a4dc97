package netops

import (
	"bytes"
	"io"
	"math"
	"net"
	"net/netip"
	"testing"
)

// TestHugeMaxAllocatesNothing: a max of math.MaxInt (someone's number) is
// neither allocated nor overflowed: each receive returns the bytes that
// came, on a real connection and a real UDP socket.
func TestHugeMaxAllocatesNothing(t *testing.T) {
	ctx := testCtx(t)
	_, srv, cli := pair(t)
	send := func(s string) {
		t.Helper()
		if _, err := cli.Send(ctx, []byte(s), testTimeout); err != nil {
			t.Fatal(err)
		}
	}
	send("one")
	if b, err := srv.Recv(ctx, math.MaxInt, testTimeout); string(b) != "one" || err != nil {
		t.Fatalf("Recv(MaxInt) = %q, %v", b, err)
	}
	send("two\n")
	if b, err := srv.RecvLine(ctx, testTimeout, math.MaxInt); string(b) != "two\n" || err != nil {
		t.Fatalf("RecvLine(MaxInt) = %q, %v", b, err)
	}
	send("three;")
	if b, err := srv.RecvUntil(ctx, []byte(";"), testTimeout, math.MaxInt); string(b) != "three;" || err != nil {
		t.Fatalf("RecvUntil(MaxInt) = %q, %v", b, err)
	}
	send("four")
	cli.Close()
	if b, err := srv.RecvAll(ctx, testTimeout, math.MaxInt); string(b) != "four" || err != nil {
		t.Fatalf("RecvAll(MaxInt) = %q, %v", b, err)
	}

	tb := NewTable()
	defer tb.CloseAll()
	needUDP(t)
	u, err := tb.Listen(ctx, "udp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Connect(ctx, "udp", u.LocalAddr(), DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c.Send(ctx, []byte("dgram"), testTimeout)
	if b, _, err := u.RecvFrom(ctx, math.MaxInt, testTimeout); string(b) != "dgram" || err != nil {
		t.Fatalf("RecvFrom(MaxInt) = %q, %v", b, err)
	}
	u.SendTo(ctx, []byte("back"), c.LocalAddr(), testTimeout)
	if b, err := c.Recv(ctx, math.MaxInt, testTimeout); string(b) != "back" || err != nil {
		t.Fatalf("connected UDP Recv(MaxInt) = %q, %v", b, err)
	}
}

// TestDatagramLongerThanMax: a datagram longer than max is cut, and
// RecvDatagram says how long it was, so the loss can be reported; on a
// connected UDP socket too.
func TestDatagramLongerThanMax(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	defer tb.CloseAll()
	needUDP(t)
	u, err := tb.Listen(ctx, "udp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Connect(ctx, "udp", u.LocalAddr(), DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), 65507) // the largest IPv4 UDP payload
	if _, err := c.Send(ctx, big, testTimeout); err != nil {
		t.Fatal(err)
	}
	d, err := u.RecvDatagram(ctx, 10, testTimeout)
	if err != nil || len(d.Data) != 10 || d.Size != 65507 || d.Dropped() != 65497 || d.From != c.LocalAddr() {
		t.Fatalf("RecvDatagram(10) = %d bytes of %d from %s, %v", len(d.Data), d.Size, d.From, err)
	}
	u.SendTo(ctx, []byte("0123456789"), c.LocalAddr(), testTimeout)
	d, err = c.RecvDatagram(ctx, 4, testTimeout)
	if err != nil || string(d.Data) != "0123" || d.Size != 10 {
		t.Fatalf("connected RecvDatagram(4) = %q of %d, %v", d.Data, d.Size, err)
	}
}

// TestRecvUntilLongDelimiter: a delimiter longer than one read (200,000
// bytes, arriving over many reads) is found.
func TestRecvUntilLongDelimiter(t *testing.T) {
	ctx := testCtx(t)
	_, srv, cli := pair(t)
	delim := bytes.Repeat([]byte("0123456789"), 20000)
	msg := append([]byte("head:"), delim...)
	go func() {
		for i := 0; i < len(msg); i += 1000 { // many small sends, many reads
			cli.Send(ctx, msg[i:min(i+1000, len(msg))], testTimeout)
		}
		cli.Send(ctx, []byte("tail"), testTimeout)
	}()
	b, err := srv.RecvUntil(ctx, delim, testTimeout, 1<<20)
	if err != nil || !bytes.Equal(b, msg) {
		t.Fatalf("RecvUntil(200000-byte delimiter) = %d bytes, %v", len(b), err)
	}
	if b, err := srv.RecvN(ctx, 4, testTimeout); string(b) != "tail" || err != nil {
		t.Fatalf("after the delimiter: %q, %v", b, err)
	}
}

// TestEndsForgetOldClosedSockets: a table that files one connection after
// another (a server running for days) keeps the ends of at most
// maxClosedEnds closed sockets for EndID; the latest closed are still
// known, the oldest are not.
func TestEndsForgetOldClosedSockets(t *testing.T) {
	ctx := testCtx(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { // the client closes first: its TIME_WAIT keeps each port pair unique
				io.Copy(io.Discard, c)
				c.Close()
			}()
		}
	}()
	tb := NewTable()
	defer tb.CloseAll()
	endsOf := func(s *Socket) (l, r netip.AddrPort) {
		return netip.MustParseAddrPort(s.LocalAddr()), netip.MustParseAddrPort(s.RemoteAddr())
	}
	var firstL, firstR, lastL, lastR netip.AddrPort
	var firstID, lastID int
	for i := 0; i < maxClosedEnds+10; i++ {
		s, err := tb.Connect(ctx, "tcp", ln.Addr().String(), DialOptions{Timeout: testTimeout})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			firstL, firstR = endsOf(s)
			firstID = s.ID
		}
		lastL, lastR = endsOf(s)
		lastID = s.ID
		s.Close()
	}
	if id, _ := tb.EndID(lastL, lastR); id != lastID {
		t.Errorf("the last closed socket: EndID = %d, want %d", id, lastID)
	}
	if id, _ := tb.EndID(firstL, firstR); id == firstID { // a later socket may have taken its port
		t.Errorf("the first of %d closed sockets is still known", maxClosedEnds+10)
	}
	tb.mu.Lock()
	n := len(tb.ends)
	tb.mu.Unlock()
	if n > maxClosedEnds {
		t.Errorf("%d ends kept, want at most %d", n, maxClosedEnds)
	}
}
