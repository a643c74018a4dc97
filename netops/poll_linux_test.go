package netops

import (
	"io"
	"runtime"
	"testing"
	"time"
)

// TestPoller arms a wait on a connection: the callback comes once data
// arrives (not before), TryRecv then reads it without waiting, and again
// at the end of the stream; Close ends the poller's goroutine.
func TestPoller(t *testing.T) {
	_, server, client := pair(t)
	before := runtime.NumGoroutine()
	p, err := NewPoller()
	if err != nil {
		t.Fatal(err)
	}
	fired := make(chan struct{}, 4)
	arm := func() {
		if err := p.Arm(server, func() { fired <- struct{}{} }); err != nil {
			t.Fatal(err)
		}
	}
	arm()
	if b, err := server.TryRecv(10); b != nil || err != nil {
		t.Fatalf("TryRecv on an idle connection: %q, %v", b, err)
	}
	select {
	case <-fired:
		t.Fatal("callback before any data")
	case <-time.After(20 * time.Millisecond): // a bounded look for a wrong call, not a synchronisation
	}
	if _, err := client.Send(testCtx(t), []byte("hi"), 0); err != nil {
		t.Fatal(err)
	}
	select {
	case <-fired:
	case <-time.After(testTimeout):
		t.Fatal("no callback after data arrived")
	}
	if b, err := server.TryRecv(10); string(b) != "hi" || err != nil {
		t.Fatalf("TryRecv: %q, %v", b, err)
	}
	arm()
	client.Close()
	select {
	case <-fired:
	case <-time.After(testTimeout):
		t.Fatal("no callback at the end of the stream")
	}
	if b, err := server.TryRecv(10); b != nil || err != io.EOF {
		t.Fatalf("TryRecv at the end: %q, %v", b, err)
	}
	p.Close()
	deadline := time.Now().Add(testTimeout)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // polling a count with a bound
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after Close, %d before NewPoller", n, before)
	}
	if err := p.Arm(server, func() {}); err == nil {
		t.Error("Arm after Close succeeded")
	}
}

// TestLoopPoller: a poller driven by its owner runs the callbacks on the
// goroutine that polls, only there; Poll(true) returns when data arrives,
// when Wake is called and when an armed socket is closed (calling its
// callback); a closed poller makes Poll fail and Wake do nothing.
func TestLoopPoller(t *testing.T) {
	_, server, client := pair(t)
	p, err := NewLoopPoller()
	if err != nil {
		t.Fatal(err)
	}
	fired := 0
	if err := p.Arm(server, func() { fired++ }); err != nil { // a plain int: the race detector objects if another goroutine calls it
		t.Fatal(err)
	}
	if err := p.Poll(false); err != nil || fired != 0 {
		t.Fatalf("Poll(false) with nothing there: %v, %d callbacks", err, fired)
	}
	if _, err := client.Send(testCtx(t), []byte("hi"), 0); err != nil {
		t.Fatal(err)
	}
	if err := pollBounded(t, p); err != nil || fired != 1 {
		t.Fatalf("Poll(true) after data: %v, %d callbacks", err, fired)
	}
	go p.Wake()
	if err := pollBounded(t, p); err != nil || fired != 1 {
		t.Fatalf("Poll(true) after Wake: %v, %d callbacks", err, fired)
	}
	if err := p.Arm(server, func() { fired++ }); err != nil {
		t.Fatal(err)
	}
	server.Close() // the kernel drops the registration; the poller must still call back
	if err := pollBounded(t, p); err != nil || fired != 2 {
		t.Fatalf("Poll(true) after the armed socket was closed: %v, %d callbacks", err, fired)
	}
	if err := p.Arm(server, func() { fired++ }); err == nil {
		t.Error("Arm of a closed socket succeeded")
	}
	p.Close()
	p.Wake() // must not write to a descriptor the poller no longer owns
	if err := p.Poll(false); err == nil {
		t.Error("Poll after Close succeeded")
	}
	if err := p.Poll(true); err == nil {
		t.Error("Poll(true) after Close succeeded")
	}
}

// pollBounded is p.Poll(true), failing the test if it does not return in
// time.
func pollBounded(t *testing.T, p *Poller) error {
	t.Helper()
	stop := time.AfterFunc(testTimeout, func() { p.Close() }) // ends a Poll that would hang
	defer stop.Stop()
	start := time.Now()
	err := p.Poll(true)
	if time.Since(start) >= testTimeout {
		t.Fatal("Poll(true) did not return until the test closed the poller")
	}
	return err
}

// TestPollerWatch: a watched socket's callback runs at every arrival, with
// no arming in between, and once more when the socket is closed; an
// arrival nobody reads still brings no second call until more comes.
func TestPollerWatch(t *testing.T) {
	_, server, client := pair(t)
	p, err := NewLoopPoller()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	calls := 0
	if err := p.Watch(server, func() { calls++ }); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		if _, err := client.Send(testCtx(t), []byte("hi"), 0); err != nil {
			t.Fatal(err)
		}
		if err := pollBounded(t, p); err != nil || calls != i {
			t.Fatalf("arrival %d: %v, %d calls", i, err, calls)
		}
	}
	if err := p.Poll(false); err != nil || calls != 3 {
		t.Fatalf("no new arrival (6 bytes unread): %v, %d calls", err, calls)
	}
	before := server.Reads()
	if b, err := server.TryRecv(64); string(b) != "hihihi" || err != nil || server.Reads() != before+1 {
		t.Fatalf("TryRecv: %q, %v, reads %d -> %d", b, err, before, server.Reads())
	}
	server.Close()
	if err := pollBounded(t, p); err != nil || calls != 4 {
		t.Fatalf("after Close: %v, %d calls", err, calls)
	}
}
