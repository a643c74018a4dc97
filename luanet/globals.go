package luanet

import (
	"bufio"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// sleep(seconds)
func (e *engine) sleep(L *lua.LState) int {
	v := L.Get(1)
	if v == lua.LNil {
		typeErr(L, 1, "sleep", "number of seconds", v)
	}
	d := toDuration(L, v, 1, "sleep", "time")
	if float64(v.(lua.LNumber)) > 1e9 {
		d = 1<<63 - 1
	}
	if d == 1<<63-1 {
		d = -1 // for ever: no timer
	}
	e.s.hold(L, "sleep", d, result{})
	return L.Yield(e.s.marker)
}

// now() -> seconds since 1970 as a number with a fraction.
func luaNow(L *lua.LState) int {
	L.Push(lua.LNumber(float64(time.Now().UnixNano()) / 1e9))
	return 1
}

// hex(s) -> lower-case hex digits of s's bytes.
func luaHex(L *lua.LState) int {
	s := checkStr(L, 1, 1, "hex")
	L.Push(lua.LString(hex.EncodeToString([]byte(s))))
	return 1
}

// input([prompt]) -> a line without its newline, or nil at end of input.
// It never blocks the scheduler: a goroutine reads Stdin.
func (e *engine) input(L *lua.LState) int {
	prompt := ""
	if L.Get(1) != lua.LNil {
		prompt = checkStr(L, 1, 1, "input")
	}
	if e.o.Input == nil && prompt != "" {
		io.WriteString(e.stdout, prompt)
	}
	if e.o.Input == nil && e.o.Stdin == nil {
		return ok2(L, lua.LNil)
	}
	return e.s.park(L, "input", func(ctx context.Context) result {
		line, ok, err := e.nextLine(ctx, prompt)
		switch {
		case err != nil:
			return failErr(err)
		case !ok:
			return result{}
		}
		return result{a: lua.LString(line)}
	})
}

// nextLine returns the next line of input (ok false at its end), from
// Options.Input or Stdin. An Input that says ErrInterrupted stops the run.
func (e *engine) nextLine(ctx context.Context, prompt string) (line string, ok bool, err error) {
	if e.o.Input != nil {
		line, err := e.o.Input(ctx, prompt)
		switch {
		case err == io.EOF:
			return "", false, nil
		case errors.Is(err, ErrInterrupted):
			e.cancel()
			return "", false, context.Canceled
		case err != nil:
			return "", false, err
		}
		return line, true, nil
	}
	e.inputOnce.Do(e.startReader)
	select {
	case line, ok := <-e.lines:
		return line, ok, nil
	case <-ctx.Done():
		return "", false, ctx.Err()
	}
}

// io.read([format]) and io.stdin:read([format]) read the script's input
// as input() does, without stopping the other tasks: "*l" (the default)
// a line, "*L" a line with its "\n", "*a" all that is left.
func (e *engine) ioRead(L *lua.LState) int {
	format := "*l"
	if v := L.Get(1); v != lua.LNil {
		s, ok := v.(lua.LString)
		if !ok {
			argErr(L, 1, "read", words.T("lua.io_read_format", L.ToStringMeta(v).String()))
		}
		format = string(s)
	}
	all, keepNL := false, false
	switch strings.TrimPrefix(format, "*") {
	case "l":
	case "L":
		keepNL = true
	case "a":
		all = true
	default:
		argErr(L, 1, "read", words.T("lua.io_read_format", format))
	}
	if e.o.Input == nil && e.o.Stdin == nil {
		if all {
			return ok2(L, lua.LString(""))
		}
		return ok2(L, lua.LNil)
	}
	return e.s.park(L, "io.read", func(ctx context.Context) result {
		var b strings.Builder
		for {
			line, ok, err := e.nextLine(ctx, "")
			switch {
			case err != nil:
				return failErr(err)
			case !ok && all:
				return result{a: lua.LString(b.String())}
			case !ok:
				return result{}
			}
			b.WriteString(line)
			if all || keepNL {
				b.WriteByte('\n')
			}
			if !all {
				return result{a: lua.LString(b.String())}
			}
		}
	})
}

// startReader starts the goroutine that reads Stdin line by line. It ends
// at end of input, or at the first line after the script ended (a read
// from a terminal cannot be interrupted).
func (e *engine) startReader() {
	e.lines = make(chan string)
	r := bufio.NewReader(e.o.Stdin)
	go func() {
		defer close(e.lines)
		for {
			line, err := r.ReadString('\n')
			if line != "" || err == nil {
				line = strings.TrimSuffix(line, "\n")
				line = strings.TrimSuffix(line, "\r")
				select {
				case e.lines <- line:
				case <-e.ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
}
