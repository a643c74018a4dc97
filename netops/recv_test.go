package netops

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"
)

// TestRecvIsOneRead checks that Recv returns one chunk, never more than max,
// and keeps nothing back: bytes beyond max wait for the next Recv.
func TestRecvIsOneRead(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	cli.Send(ctx, []byte("hello world"), 0)
	var got []byte
	for len(got) < 11 {
		b, err := srv.Recv(ctx, 4, testTimeout)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 4 {
			t.Fatalf("Recv(4) returned %d bytes", len(b))
		}
		got = append(got, b...)
	}
	if string(got) != "hello world" {
		t.Fatalf("got %q", got)
	}
}

func TestRecvLineKeepsTheRest(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	cli.Send(ctx, []byte("one\ntwo\nthree"), 0)
	for _, want := range []string{"one\n", "two\n"} {
		b, err := srv.RecvLine(ctx, testTimeout, 0)
		if err != nil || string(b) != want {
			t.Fatalf("RecvLine = %q, %v; want %q", b, err, want)
		}
	}
	b, err := srv.Recv(ctx, 100, testTimeout)
	if string(b) != "three" || err != nil {
		t.Fatalf("Recv after lines = %q, %v", b, err)
	}
}

// TestRecvUntilAcrossWrites sends the delimiter split over separate writes.
func TestRecvUntilAcrossWrites(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	go func() {
		for _, p := range []string{"abc-", "-", "-def"} {
			cli.Send(ctx, []byte(p), 0)
			time.Sleep(5 * time.Millisecond) // separate segments; not synchronisation
		}
	}()
	b, err := srv.RecvUntil(ctx, []byte("---"), testTimeout, 0)
	if err != nil || string(b) != "abc---" {
		t.Fatalf("RecvUntil = %q, %v", b, err)
	}
	b, _ = srv.RecvUntil(ctx, []byte("f"), testTimeout, 0)
	if string(b) != "def" {
		t.Fatalf("rest = %q", b)
	}
}

func TestRecvUntilLimitKeepsData(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	data := bytes.Repeat([]byte("x"), 300)
	cli.Send(ctx, data, 0)
	_, err := srv.RecvUntil(ctx, []byte("\n"), testTimeout, 100)
	if !errors.Is(err, ErrTooLong) || Reason(err) != "too long" {
		t.Fatalf("err %v, want ErrTooLong", err)
	}
	cli.Shutdown("write")
	all, err := srv.RecvAll(ctx, testTimeout, 0)
	if err != nil || !bytes.Equal(all, data) {
		t.Fatalf("after the limit: %d bytes, %v; want all 300 kept", len(all), err)
	}
}

func TestRecvLineAtEOFReturnsTheRest(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	cli.Send(ctx, []byte("no newline"), 0)
	cli.Close()
	b, err := srv.RecvLine(ctx, testTimeout, 0)
	if err != io.EOF || string(b) != "no newline" {
		t.Fatalf("RecvLine = %q, %v; want the partial line with io.EOF", b, err)
	}
	if _, err := srv.Recv(ctx, 10, testTimeout); err != io.EOF {
		t.Fatalf("then Recv: %v, want io.EOF", err)
	}
}

func TestRecvTimeoutLosesNothing(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	_, err := srv.Recv(ctx, 10, 20*time.Millisecond)
	var oe *OpError
	if Reason(err) != "timeout" || !errors.As(err, &oe) || !oe.Timeout() {
		t.Fatalf("err %v, want a timeout *OpError", err)
	}
	cli.Send(ctx, []byte("late"), 0)
	if b, err := srv.Recv(ctx, 10, testTimeout); string(b) != "late" {
		t.Fatalf("after timeout: %q, %v", b, err)
	}
	// A line receive that times out halfway keeps what it had.
	cli.Send(ctx, []byte("half"), 0)
	if _, err := srv.RecvLine(ctx, 50*time.Millisecond, 0); Reason(err) != "timeout" {
		t.Fatalf("RecvLine: %v, want timeout", err)
	}
	cli.Send(ctx, []byte(" line\n"), 0)
	if b, err := srv.RecvLine(ctx, testTimeout, 0); string(b) != "half line\n" {
		t.Fatalf("RecvLine after timeout = %q, %v", b, err)
	}
}

// A receive that timed out or was cancelled leaves no deadline behind,
// even when the cancel lands while it returns: the next receive, with no
// timeout of its own, sets no deadline (bounded) and must wait for data.
func TestRecvCancelLeavesNoDeadline(t *testing.T) {
	_, srv, cli := pair(t)
	// waitsForData starts a receive with no timeout, checks that it has
	// not returned 20 ms later, then sends it its data.
	waitsForData := func(round int) {
		t.Helper()
		got := make(chan string, 1)
		go func() {
			b, err := srv.Recv(context.Background(), 10, 0)
			got <- fmt.Sprintf("%q %v", b, err)
		}()
		select {
		case r := <-got:
			t.Fatalf("round %d: a receive with no timeout returned before any data came: %s", round, r)
		case <-time.After(20 * time.Millisecond):
		}
		cli.Send(testCtx(t), []byte("x"), 0)
		select {
		case r := <-got:
			if r != `"x" <nil>` {
				t.Fatalf("round %d: got %s", round, r)
			}
		case <-time.After(testTimeout):
			t.Fatalf("round %d: no data", round)
		}
	}
	if _, err := srv.Recv(testCtx(t), 10, 10*time.Millisecond); Reason(err) != "timeout" {
		t.Fatalf("err %v, want timeout", err)
	}
	waitsForData(0)
	for i := 1; i <= 20; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := srv.Recv(ctx, 10, 0)
			done <- err
		}()
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("round %d: err %v, want canceled", i, err)
			}
		case <-time.After(testTimeout):
			t.Fatalf("round %d: Recv did not return after cancel", i)
		}
		waitsForData(i)
	}
}

func TestRecvAllLimit(t *testing.T) {
	_, srv, cli := pair(t)
	ctx := testCtx(t)
	cli.Send(ctx, bytes.Repeat([]byte("y"), 5000), 0)
	if _, err := srv.RecvAll(ctx, testTimeout, 1000); !errors.Is(err, ErrTooLong) {
		t.Fatalf("err %v, want ErrTooLong", err)
	}
}

func TestBadSize(t *testing.T) {
	_, srv, _ := pair(t)
	if _, err := srv.Recv(testCtx(t), 0, 0); err == nil {
		t.Fatal("Recv(0) succeeded")
	}
	if _, err := srv.RecvUntil(testCtx(t), nil, 0, 0); err == nil {
		t.Fatal("RecvUntil(empty) succeeded")
	}
}
