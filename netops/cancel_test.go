package netops

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// A cancel that lands as op returns: the watcher's past deadline may be
// set after op is done, so bounded waits for it and clears the deadline
// last. The fake setter is slow to set the past deadline, which makes a
// bounded that does not wait clear first and leave the past one behind.
func TestBoundedCancelLeavesNoDeadline(t *testing.T) {
	var mu sync.Mutex
	var sets []time.Time
	pastSet := make(chan struct{})
	set := func(d time.Time) error {
		past := d.Equal(longAgo)
		if past {
			time.Sleep(20 * time.Millisecond) // widen the window, not a wait for anything
		}
		mu.Lock()
		sets = append(sets, d)
		mu.Unlock()
		if past {
			close(pastSet)
		}
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	err := bounded(ctx, time.Time{}, set, func() error { cancel(); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want canceled", err)
	}
	select {
	case <-pastSet:
	case <-time.After(5 * time.Second):
		t.Fatal("the cancel watcher never set its past deadline")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(sets) == 0 || !sets[len(sets)-1].IsZero() {
		t.Fatalf("deadlines set, in order: %v; the last must be none (the zero time)", sets)
	}
}
