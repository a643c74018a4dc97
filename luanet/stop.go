package luanet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// Stop means stop. A run's context ending stops the scheduler between two
// Lua instructions, but a Go function of the standard library (a
// string.find with a pattern that backtracks for ever) cannot be
// interrupted. The run therefore goes on its own goroutine: once the
// context has ended, the caller waits stopGrace for it, and then closes
// the run's sockets and returns ErrStuck, leaving the goroutine to end when
// the Go function does. A program should then exit (socklab does).

// ErrStuck reports a run that did not stop within a second of its
// context's end, because a Go function it called cannot be interrupted.
// Its sockets are closed; the Lua state is left to that function.
var ErrStuck = errors.New("the script is inside a Go function that cannot be interrupted")

// ErrInterrupted, returned by an Options.Input function, stops the run as
// its context ending does (Ctrl-C while the script waits in input()).
var ErrInterrupted = errors.New("interrupted")

// maxScript bounds the size of a script file.
const maxScript = 64 << 20

// runGuarded runs fn as the main task on a goroutine of its own and waits
// for it, or for stopGrace after parent ended.
func (e *engine) runGuarded(parent context.Context, fn *lua.LFunction, args []lua.LValue) error {
	done := make(chan error, 1)
	go func() {
		err := e.run(fn, args)
		e.close()
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-parent.Done():
	}
	t := time.NewTimer(stopGrace)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		e.table.CloseOwned(e.owner) // safe from here; the sockets' Lua side stays with the run
		return fmt.Errorf("%s: %w", e.name, stuckError{parent.Err()})
	}
}

// stuckError is [ErrStuck] said in the catalog's words; it wraps why the
// run was stopped (the context's error).
type stuckError struct{ why error }

func (e stuckError) Error() string   { return words.T("lua.stuck") }
func (e stuckError) Unwrap() []error { return []error{ErrStuck, e.why} }

// readScript reads the script at path, giving up when ctx ends first (the
// open of a FIFO waits for a writer), without a UTF-8 byte order mark
// and with a first line starting with "#" blanked (a "#!" line), as lua
// (5.2 and later) does.
func readScript(ctx context.Context, path string) ([]byte, error) {
	type res struct {
		b   []byte
		err error
	}
	ch := make(chan res, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			ch <- res{nil, err}
			return
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxScript+1))
		if err == nil && len(b) > maxScript {
			err = errors.New(words.T("lua.script_too_big", path, maxScript))
		}
		ch <- res{b, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, r.err
		}
		// A byte order mark, as Windows' Notepad and PowerShell write
		// UTF-8, is no Lua; Lua 5.2 and later skip it too.
		r.b = bytes.TrimPrefix(r.b, []byte("\xef\xbb\xbf"))
		if bytes.HasPrefix(r.b, []byte("#")) {
			if i := bytes.IndexByte(r.b, '\n'); i >= 0 {
				r.b = r.b[i:] // keep the newline: line numbers stay right
			} else {
				r.b = nil
			}
		}
		return r.b, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", path, ctx.Err())
	}
}
