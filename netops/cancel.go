package netops

import (
	"context"
	"errors"
	"os"
	"time"
)

// longAgo is a deadline in the past: setting it wakes a blocked call at once.
var longAgo = time.Unix(1, 0)

// bounded runs op with the deadline dl (the zero time: none) set through
// set. Cancelling ctx moves the deadline into the past, which wakes op; a
// context that cannot end costs nothing. The error is ctx's when ctx ended, [ErrTimeout] when
// the deadline passed, else op's own.
//
// Every call leaves the socket with no deadline, so a call without one
// (the usual receive) sets none: the socket has none already.
func bounded(ctx context.Context, dl time.Time, set func(time.Time) error, op func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !dl.IsZero() {
		set(dl)
	}
	var stop func() bool
	var woken chan struct{}
	if ctx.Done() != nil { // a context that can end: not Background, not WithoutCancel
		woken = make(chan struct{})
		stop = context.AfterFunc(ctx, func() { set(longAgo); close(woken) })
	}
	err := op()
	fired := stop != nil && !stop()
	if fired {
		<-woken // its past deadline is set: now it can be cleared for good
	}
	if !dl.IsZero() || fired {
		set(time.Time{}) // leave no deadline behind for a later call (TrySend)
	}
	if fired { // the watcher runs only once ctx has ended
		return ctx.Err()
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return ErrTimeout
	}
	return err
}
