//go:build unix

package netops

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestRecvLargeAndExact checks the raw read path: a read larger than the
// pooled buffer, a result sized to the bytes read, and end of stream.
func TestRecvLargeAndExact(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	want := bytes.Repeat([]byte("0123456789"), 20000) // 200,000 bytes > poolBuf
	go func() {
		cli.Send(ctx, want, 0)
		cli.Close()
	}()
	var got []byte
	for {
		b, err := srv.Recv(ctx, 150000, testTimeout)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 150000 || cap(b) != len(b) {
			t.Fatalf("Recv returned len %d cap %d", len(b), cap(b))
		}
		got = append(got, b...)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("got %d bytes, want %d", len(got), len(want))
	}
}

// TestRecvReset checks that a reset reaches the caller as ECONNRESET.
func TestRecvReset(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	cli.conn.(*net.TCPConn).SetLinger(0)
	cli.Close()
	_, err := srv.Recv(ctx, 10, testTimeout)
	if !errors.Is(err, syscall.ECONNRESET) || Reason(err) != "reset" {
		t.Fatalf("err %v, want ECONNRESET", err)
	}
}

// TestTrySend checks that TrySend writes what fits and never waits.
func TestTrySend(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	if n, err := cli.TrySend([]byte("hello")); n != 5 || err != nil {
		t.Fatalf("TrySend = %d, %v", n, err)
	}
	if b, err := srv.Recv(ctx, 10, testTimeout); string(b) != "hello" {
		t.Fatalf("Recv = %q, %v", b, err)
	}
	// The deadline of an earlier Send does not stay behind once it passed.
	if _, err := cli.Send(ctx, []byte("y"), 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // past that deadline: the subject of the test
	if n, err := cli.TrySend([]byte("z")); n != 1 || err != nil {
		t.Fatalf("TrySend after a Send's deadline passed = %d, %v", n, err)
	}
	if b, err := srv.Recv(ctx, 10, testTimeout); string(b) != "yz" && string(b) != "y" {
		t.Fatalf("Recv = %q, %v", b, err)
	}
	big := make([]byte, 64<<20) // more than any send buffer: must return short
	n, err := cli.TrySend(big)
	if err != nil || n <= 0 || n >= len(big) {
		t.Fatalf("TrySend(64 MiB) = %d, %v; want a short write", n, err)
	}
	cli.Close()
	if _, err := cli.TrySend([]byte("x")); Reason(err) != "closed" {
		t.Fatalf("after close: %v, want closed", err)
	}
}

// TestTrySendWhileSendHolds: while a Send waits for a peer that does not
// read, TrySend sends nothing and returns at once instead of waiting for it.
func TestTrySendWhileSendHolds(t *testing.T) {
	_, _, cli := pair(t)
	ctx := testCtx(t)
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		cli.Send(ctx, make([]byte, 64<<20), 0) // more than the buffers hold
	}()
	defer func() { cli.Close(); <-sent }()
	for deadline := time.Now().Add(testTimeout); cli.wmu.TryLock(); { // until the Send holds it
		cli.wmu.Unlock()
		if time.Now().After(deadline) {
			t.Fatal("the Send did not start")
		}
		runtime.Gosched()
	}
	got := make(chan error, 1)
	go func() {
		n, err := cli.TrySend([]byte("x"))
		if n != 0 || err != nil {
			err = fmt.Errorf("TrySend = %d, %v; want 0, nil", n, err)
		}
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("TrySend waits for the Send that holds the connection")
	}
}
