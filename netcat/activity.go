package netcat

import (
	"sync/atomic"
	"time"
)

// activity records when data last moved, for the -w idle timeout.
// A nil *activity records nothing.
type activity struct{ last atomic.Int64 }

func newActivity() *activity {
	a := &activity{}
	a.touch()
	return a
}

func (a *activity) touch() {
	if a != nil {
		a.last.Store(time.Now().UnixNano())
	}
}

// idle returns how long no data has moved.
func (a *activity) idle() time.Duration {
	return time.Since(time.Unix(0, a.last.Load()))
}
