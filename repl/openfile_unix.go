//go:build unix

package repl

import (
	"context"
	"os"
	"syscall"
	"time"
)

// openCtx opens path as os.OpenFile(path, flag, perm) does. Opening a FIFO
// waits until someone opens its other end (a writer for send --file, a
// reader for recv --out); when ctx ends first, openCtx opens that other
// end itself, without waiting, which ends the wait, and returns ctx's
// error.
func openCtx(ctx context.Context, path string, flag int, perm os.FileMode) (*os.File, error) {
	if fi, err := os.Stat(path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return os.OpenFile(path, flag, perm)
	}
	ch := make(chan opened, 1)
	go func() {
		f, err := os.OpenFile(path, flag, perm)
		ch <- opened{f, err}
	}()
	select {
	case o := <-ch:
		return o.f, o.err
	case <-ctx.Done():
	}
	other := os.O_RDONLY
	if flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		other = os.O_WRONLY
	}
	// A writer's non-blocking open fails (ENXIO) until the reader's open
	// has reached the kernel: it is tried until it works. The other end
	// stays open until the waiting open returns.
	var end *os.File
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for range 400 {
		if end == nil {
			end, _ = os.OpenFile(path, other|syscall.O_NONBLOCK, 0)
		}
		select {
		case o := <-ch:
			if o.f != nil {
				o.f.Close()
			}
			if end != nil {
				end.Close()
			}
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
	if end != nil {
		end.Close()
	}
	return nil, ctx.Err() // the open is left to the process's exit
}

// opened is the result of an open left to a goroutine.
type opened struct {
	f   *os.File
	err error
}
