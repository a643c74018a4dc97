package luanet

import (
	"bufio"
	"context"
	"encoding/hex"
	"io"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
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
	if e.o.Input != nil {
		return e.s.park(L, "input", func(ctx context.Context) result {
			line, err := e.o.Input(ctx, prompt)
			if err != nil {
				if err == io.EOF {
					return result{}
				}
				return failErr(err)
			}
			return result{a: lua.LString(line)}
		})
	}
	if prompt != "" {
		io.WriteString(e.stdout, prompt)
	}
	if e.o.Stdin == nil {
		return ok2(L, lua.LNil)
	}
	e.inputOnce.Do(e.startReader)
	return e.s.park(L, "input", func(ctx context.Context) result {
		select {
		case line, ok := <-e.lines:
			if !ok {
				return result{}
			}
			return result{a: lua.LString(line)}
		case <-ctx.Done():
			return failErr(ctx.Err())
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
