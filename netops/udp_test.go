package netops

import (
	"errors"
	"testing"
	"time"
)

func TestUDPSendToRecvFromAndReply(t *testing.T) {
	tb := NewTable()
	defer tb.CloseAll()
	ctx := testCtx(t)
	needUDP(t)
	srv, err := tb.Listen(ctx, "udp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if srv.Kind != KindPacket {
		t.Fatalf("kind %v", srv.Kind)
	}
	if _, err := srv.RecvLine(ctx, 0, 0); !errors.Is(err, ErrWrongKind) || !errors.As(err, new(*KindError)) {
		t.Fatalf("RecvLine on UDP: %v", err)
	}
	if _, err := srv.Send(ctx, []byte("x"), 0); !errors.Is(err, ErrNoPeer) {
		t.Fatalf("send before any peer: %v", err)
	}
	cli, err := tb.Connect(ctx, "udp", srv.LocalAddr(), DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cli.Send(ctx, []byte("hello\n"), 0)
	b, from, err := srv.RecvFrom(ctx, 1024, testTimeout)
	if err != nil || string(b) != "hello\n" || from != cli.LocalAddr() {
		t.Fatalf("RecvFrom = %q from %s, %v", b, from, err)
	}
	// Send on the unconnected socket goes to the last sender.
	srv.Send(ctx, []byte("HELLO"), 0)
	if b, err := cli.Recv(ctx, 1024, testTimeout); string(b) != "HELLO" {
		t.Fatalf("reply %q, %v", b, err)
	}
	srv.SendTo(ctx, []byte("two"), cli.LocalAddr(), 0)
	if b, from, err := cli.RecvFrom(ctx, 1024, testTimeout); string(b) != "two" || from != srv.LocalAddr() {
		t.Fatalf("connected RecvFrom = %q from %s, %v", b, from, err)
	}
	// Datagrams keep their boundaries and are cut to max.
	cli.Send(ctx, []byte("abcdef"), 0)
	if b, err := srv.Recv(ctx, 3, testTimeout); string(b) != "abc" {
		t.Fatalf("cut datagram %q, %v", b, err)
	}
	if _, _, err := srv.RecvFrom(ctx, 10, 20*time.Millisecond); Reason(err) != "timeout" {
		t.Fatalf("rest of a cut datagram must be gone: %v", err)
	}
}
