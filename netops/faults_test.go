package netops

import (
	"bytes"
	"errors"
	"testing"
)

// TestRecvExactlyAtLimit: a stream, a line or a delimited record of exactly
// limit bytes is within the limit; one byte more is too long, and the bytes
// stay buffered.
func TestRecvExactlyAtLimit(t *testing.T) {
	ctx := testCtx(t)
	_, srv, cli := pair(t)
	data := bytes.Repeat([]byte("z"), 1000)
	cli.Send(ctx, data, 0)
	cli.Shutdown("write")
	if b, err := srv.RecvAll(ctx, testTimeout, 1000); err != nil || !bytes.Equal(b, data) {
		t.Fatalf("RecvAll of exactly the limit: %d bytes, %v", len(b), err)
	}

	_, srv, cli = pair(t)
	line := append(bytes.Repeat([]byte("a"), 99), '\n')
	cli.Send(ctx, append(append(line, line...), 'b'), 0)
	if b, err := srv.RecvLine(ctx, testTimeout, 100); err != nil || !bytes.Equal(b, line) {
		t.Fatalf("RecvLine of exactly the limit: %q, %v", b, err)
	}
	if _, err := srv.RecvLine(ctx, testTimeout, 99); !errors.Is(err, ErrTooLong) {
		t.Fatalf("RecvLine one byte over the limit: %v, want ErrTooLong", err)
	}
	if b, err := srv.RecvLine(ctx, testTimeout, 100); err != nil || !bytes.Equal(b, line) {
		t.Fatalf("the line over the limit was not kept: %q, %v", b, err)
	}

	_, srv, cli = pair(t)
	cli.Send(ctx, bytes.Repeat([]byte("y"), 1001), 0)
	cli.Shutdown("write")
	if _, err := srv.RecvAll(ctx, testTimeout, 1000); !errors.Is(err, ErrTooLong) {
		t.Fatalf("RecvAll one byte over the limit: %v, want ErrTooLong", err)
	}
	if b, err := srv.RecvAll(ctx, testTimeout, 0); err != nil || len(b) != 1001 {
		t.Fatalf("after the limit: %d bytes, %v; want all 1001 kept", len(b), err)
	}
}
