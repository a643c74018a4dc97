//go:build unix

package repl

import (
	"context"
	"os"
	"syscall"
	"time"
)

// openCtx opens path for reading. Opening a FIFO blocks until someone opens
// it for writing; when ctx ends first, openCtx opens it for writing itself
// for a moment, which ends the wait, and returns ctx's error.
func openCtx(ctx context.Context, path string) (*os.File, error) {
	if fi, err := os.Stat(path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return os.Open(path)
	}
	ch := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		ch <- opened{f, err}
	}()
	select {
	case o := <-ch:
		return o.f, o.err
	case <-ctx.Done():
	}
	// The reader's open may not have reached the kernel yet (a writer's
	// non-blocking open then fails with ENXIO): try until it returns.
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for range 400 {
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		select {
		case o := <-ch:
			if o.f != nil {
				o.f.Close()
			}
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
	return nil, ctx.Err() // the open is left to the process's exit
}

// opened is the result of an open left to a goroutine.
type opened struct {
	f   *os.File
	err error
}

// openWriteCtx opens path for writing, as os.OpenFile(path, flag, perm).
// Opening a FIFO for writing blocks until someone opens it for reading;
// when ctx ends first, openWriteCtx opens it for reading itself (which
// never waits), so that the wait ends, and returns ctx's error.
func openWriteCtx(ctx context.Context, path string, flag int, perm os.FileMode) (*os.File, error) {
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
	if r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
		defer r.Close() // kept open until the writer's open, even one not yet in the kernel, returns
	}
	select {
	case o := <-ch:
		if o.f != nil {
			o.f.Close()
		}
	case <-time.After(2 * time.Second): // the open is left to the process's exit
	}
	return nil, ctx.Err()
}
