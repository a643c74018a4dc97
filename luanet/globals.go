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

// input([prompt]) -> a line without its newline ("\n" or "\r\n"), or nil
// at end of input; a line over maxInputLine bytes is skipped: nil, "too
// long". It never blocks the scheduler: a goroutine reads Stdin.
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
	return e.parkInput(L, "input", func(ctx context.Context) result {
		return e.readLine(ctx, prompt, false)
	})
}

// parkInput parks the calling task on read, a read of the script's input,
// under a context that t:cancel() ends (stopInput): a task canceled while
// it waits does not go on to take the next line from the one that reads
// after it.
func (e *engine) parkInput(L *lua.LState, what string, read func(ctx context.Context) result) int {
	t := e.s.checkYield(L, what)
	ctx, stop := context.WithCancel(e.ctx)
	if e.inputStop == nil {
		e.inputStop = map[*task]context.CancelFunc{}
	}
	e.inputStop[t] = stop
	return e.s.parkTask(L, t, func(context.Context) result {
		r := read(ctx)
		stop()
		return result{then: func(t *task) (lua.LValue, lua.LValue) {
			delete(e.inputStop, t)
			if r.then != nil {
				return r.then(t)
			}
			return r.a, r.b
		}, abandon: r.abandon}
	})
}

// stopInput ends the input read task t waits in, if it does.
func (e *engine) stopInput(t *task) {
	if stop := e.inputStop[t]; stop != nil {
		stop()
		delete(e.inputStop, t)
	}
}

// maxInputLine bounds a line of the script's input, as the shell bounds
// its own lines: a peer of the script's stdin chose its length.
const maxInputLine = 1 << 20

// piece is what the reader delivers: a line with its "\n" (none at the
// end of input), or, with more set, the first maxInputLine bytes of a
// longer line (the rest follows in further pieces).
type piece struct {
	text string
	more bool
	seq  uint64 // the order it came in (see giveBack)
}

// readLine returns the next line of input, with its line end when keep is
// set, without it otherwise; nil at the end of input.
func (e *engine) readLine(ctx context.Context, prompt string, keep bool) result {
	p, ok, err := e.nextPiece(ctx, prompt)
	switch {
	case err != nil:
		return failErr(err)
	case !ok:
		return result{}
	case p.more: // skip the rest of the line
		for ok && p.more && err == nil {
			p, ok, err = e.nextPiece(ctx, prompt)
		}
		if err != nil {
			return failErr(err)
		}
		return result{a: lua.LNil, b: lua.LString("too long")}
	}
	line := p.text
	if !keep {
		line = lineText(p)
	}
	return result{a: lua.LString(line), abandon: func() { e.giveBack(p) }}
}

// readAll returns the rest of the input byte for byte. What it gathers is
// paid from the run's memory budget while it gathers: past it, nil,
// "memory" (the input read so far is gone).
func (e *engine) readAll(ctx context.Context) result {
	var b strings.Builder
	defer func() { e.budget.Give(int64(b.Len())) }()
	for {
		p, ok, err := e.nextPiece(ctx, "")
		switch {
		case err != nil:
			return failErr(err)
		case !ok:
			return result{a: lua.LString(b.String())}
		case !e.budget.Take(int64(len(p.text))):
			return result{a: lua.LNil, b: lua.LString("memory")}
		}
		b.WriteString(p.text)
	}
}

// nextPiece returns the next piece of input (ok false at its end), from
// Options.Input (a line, given its "\n") or Stdin. An Input that says
// ErrInterrupted stops the run.
func (e *engine) nextPiece(ctx context.Context, prompt string) (p piece, ok bool, err error) {
	if p, ok := e.takeBack(); ok {
		return p, true, nil
	}
	if e.o.Input != nil {
		line, err := e.o.Input(ctx, prompt)
		switch {
		case err == io.EOF:
			return piece{}, false, nil
		case errors.Is(err, ErrInterrupted):
			e.cancel()
			return piece{}, false, context.Canceled
		case err != nil:
			return piece{}, false, err
		}
		return piece{text: line + "\n", seq: e.inSeq.Add(1)}, true, nil
	}
	e.inputOnce.Do(e.startReader)
	select {
	case p, ok := <-e.lines:
		return p, ok, nil
	case <-ctx.Done():
		return piece{}, false, ctx.Err()
	}
}

// io.read([format]) and io.stdin:read([format]) read the script's input
// as input() does, without stopping the other tasks: "*l" (the default)
// a line without its line end, "*L" a line with it, "*a" all that is
// left, byte for byte.
func (e *engine) ioRead(L *lua.LState) int {
	format := "*l"
	if v := L.Get(1); v != lua.LNil {
		s, ok := v.(lua.LString)
		if !ok {
			argErr(L, 1, "read", words.T("lua.io_read_format", L.ToStringMeta(v).String()))
		}
		format = string(s)
	}
	all, keep := false, false
	switch strings.TrimPrefix(format, "*") {
	case "l":
	case "L":
		keep = true
	case "a":
		all = true
	default:
		argErr(L, 1, "read", words.T("lua.io_read_format", format))
	}
	if L.GetTop() > 1 {
		argErr(L, 2, "read", words.T("lua.io_read_one"))
	}
	if e.o.Input == nil && e.o.Stdin == nil {
		if all {
			return ok2(L, lua.LString(""))
		}
		return ok2(L, lua.LNil)
	}
	return e.parkInput(L, "io.read", func(ctx context.Context) result {
		if all {
			return e.readAll(ctx)
		}
		return e.readLine(ctx, "", keep)
	})
}

// startReader starts the goroutine that reads Stdin in pieces (see
// [piece]). It ends at the end of Stdin or of the run.
func (e *engine) startReader() {
	e.lines = make(chan piece)
	r := bufio.NewReaderSize(e.o.Stdin, 64<<10)
	go func() {
		defer close(e.lines)
		send := func(p piece) bool {
			p.seq = e.inSeq.Add(1)
			select {
			case e.lines <- p:
				return true
			case <-e.ctx.Done():
				return false
			}
		}
		var line []byte
		for {
			chunk, err := r.ReadSlice('\n')
			line = append(line, chunk...)
			for len(line) >= maxInputLine && (err == bufio.ErrBufferFull || len(line) > maxInputLine) {
				if !send(piece{text: string(line[:maxInputLine]), more: true}) {
					return
				}
				line = append(line[:0], line[maxInputLine:]...)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if len(line) > 0 && !send(piece{text: string(line)}) {
				return
			}
			line = line[:0]
			if err != nil {
				return
			}
		}
	}()
}
