package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/socklab/socklab/luanet"
	"github.com/socklab/socklab/say"

	"github.com/socklab/socklab/words"
)

// scriptCommands are the shell's Lua commands, `run SCRIPT.lua [ARGS] [&]`
// and `lua CODE`. Scripts share the session's socket table, so one shell can
// play server (in the background) and client; their output goes through the
// session's printer, one line at a time.
var scriptCommands = []*Command{
	{
		Name:     "run",
		Usage:    "run SCRIPT.lua [ARGS] [&]",
		Examples: []string{"run scripts/echo.lua 127.0.0.1:9000 &", "run scripts/echo_client.lua 127.0.0.1:9000"},
		Raw:      true,
		Run:      runScript,
	},
	{
		Name:  "lua",
		Usage: "lua CODE [&]",
		Examples: []string{`lua 'print(bytes.unpack(">I2", "\0\7"))'`, `lua 'local c = net.connect("127.0.0.1:9000") print(c.id)'`,
			`lua 'local l = net.listen("tcp", "127.0.0.1:9000") local c = l:accept() c:send("hi\n") c:close()' &`},
		Raw: true,
		Run: runLuaChunk,
	},
}

// scriptOptions returns the luanet options of a script run in session s:
// the session's table, output through its printer, input from the person
// (foreground only). Call done when the script has returned: it flushes
// the output and waits until a read that input() left waiting on the
// terminal has been taken back, so that the person's next line goes to the
// shell (a pipe's read goes on, and its line to the next reader: see
// pipeSource).
func (s *Session) scriptOptions(foreground bool) (o luanet.Options, done func()) {
	w := &lineWriter{s: s}
	o = luanet.Options{Table: s.table, Stdout: w, Stderr: w, AllowExec: s.cfg.allowExec, Memory: s.cfg.memory, OnError: s.PrintError}
	o.Input = func(context.Context, string) (string, error) { return "", io.EOF }
	var reads sync.WaitGroup
	if src, ok := s.cfg.input.(*pipeSource); foreground && ok {
		// A read a canceled input() gives up goes on, and its line goes
		// to the next input() or to the shell's next command.
		o.Input = func(ctx context.Context, prompt string) (string, error) {
			return src.readCtx(ctx, prompt)
		}
		o.Unread = src.unread
	} else if src := s.cfg.input; foreground && src != nil {
		o.Input = func(ctx context.Context, prompt string) (string, error) {
			type res struct {
				line string
				err  error
			}
			ch := make(chan res, 1)
			reads.Add(1)
			go func() {
				defer reads.Done()
				l, err := src.readLine(prompt)
				ch <- res{l, err}
			}()
			select {
			case r := <-ch:
				if errors.Is(r.err, errInterrupt) {
					return "", luanet.ErrInterrupted // Ctrl-C stops the script
				}
				return r.line, r.err
			case <-ctx.Done():
				if i, ok := src.(interrupter); ok {
					i.interrupt()
				}
				return "", ctx.Err()
			}
		}
	}
	return o, func() {
		if _, ok := s.cfg.input.(interrupter); ok {
			reads.Wait() // the interrupted read returns at once
		}
		w.Flush()
	}
}

func runScript(ctx context.Context, s *Session, a *Args) error {
	bg, args := background(a)
	if len(args) == 0 {
		return usageT(lookup("run"), "script.needs_script")
	}
	path, rest := args[0], args[1:]
	if _, err := os.Stat(path); err != nil {
		return withHint(fmt.Errorf("run %s: %w", path, errors.Unwrap(err)),
			words.T("script.path_hint"))
	}
	name := filepath.Base(path)
	return s.runLua(ctx, bg, "run "+name, name, func(ctx context.Context, o luanet.Options) error {
		return luanet.RunFile(ctx, path, rest, o)
	})
}

func runLuaChunk(ctx context.Context, s *Session, a *Args) error {
	bg, args := background(a)
	if len(args) == 0 {
		return usageT(lookup("lua"), "script.needs_code")
	}
	code := strings.Join(args, " ")
	return s.runLua(ctx, bg, "lua", words.T("script.chunk"), func(ctx context.Context, o luanet.Options) error {
		return luanet.RunString(ctx, "lua", code, o)
	})
}

// background reports whether a's words end with "&" (alone, or stuck to
// the last word as in a shell), and returns them without it. A quoted last
// word is text: `lua 'x = "a&"'` runs in the foreground, and the code
// keeps its "&" (write `lua 'CODE' &` for the background).
func background(a *Args) (bool, []string) {
	args := a.Words
	n := len(args)
	if n == 0 || a.Quoted(n-1) {
		return false, args
	}
	switch last := args[n-1]; {
	case last == "&":
		return true, args[:n-1]
	case strings.HasSuffix(last, "&"):
		return true, append(args[:n-1:n-1], strings.TrimSuffix(last, "&"))
	}
	return false, args
}

// runLua runs a script in the foreground (input from the person, Ctrl-C
// stops it) or in the background (the prompt comes back at once; label
// prefixes its error, name says what runs).
func (s *Session) runLua(ctx context.Context, bg bool, label, name string, run func(context.Context, luanet.Options) error) error {
	if !bg {
		o, done := s.scriptOptions(true)
		defer done()
		err := run(ctx, o)
		if errors.Is(err, luanet.ErrStuck) {
			// Its sockets are closed, but the Lua state still runs a Go
			// function nothing can interrupt: the shell ends with it, as
			// a script stopped by a signal does (status 130), and says so.
			s.stuck.Store(true)
			s.quitOnce.Do(func() { close(s.quit) })
			return withHint(err, words.T("script.stuck_quit"))
		}
		return err
	}
	o, done := s.scriptOptions(false)
	s.Go(label, func(ctx context.Context) error {
		defer done()
		return run(ctx, o)
	})
	s.Printf("%s", words.T("script.background", name))
	return nil
}

// lineWriter prints complete lines through the session's printer. An
// unfinished line is printed once it reaches maxPartial bytes, so that a
// script writing without newlines (io.write of a peer's stream) cannot grow
// it without bound. On a terminal each line is shown inert (say.Inert):
// a script that prints what a peer sent (print(c:recv())) cannot clear the
// screen, set the title or the clipboard, or move the cursor over the
// prompt, as the shell's own recv cannot.
type lineWriter struct {
	s   *Session
	mu  sync.Mutex
	buf []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.line(w.buf[:i])
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) >= maxPartial {
		i := say.CompleteUpTo(w.buf) // a character cut there shows whole in the next piece
		if i == 0 {
			i = len(w.buf)
		}
		w.line(w.buf[:i])
		w.buf = append([]byte(nil), w.buf[i:]...)
	}
	return len(p), nil
}

// line prints one line of the script's output.
func (w *lineWriter) line(b []byte) {
	if w.s.cfg.inert {
		w.s.Printf("%s", say.Inert(string(b)))
		return
	}
	w.s.Printf("%s", b)
}

// maxPartial is the most of an unfinished line a [lineWriter] keeps.
const maxPartial = 64 << 10

// Flush prints what is left of an unfinished line.
func (w *lineWriter) Flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 0 {
		w.line(w.buf)
		w.buf = nil
	}
}
