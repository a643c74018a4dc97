package luanet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestInputInterruptedStopsRun: an Input that says ErrInterrupted (Ctrl-C
// at the shell's prompt) stops a script that loops on input(); it used to
// read nil and loop for ever.
func TestInputInterruptedStopsRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	calls := 0
	err := RunString(ctx, "loop.lua", `while true do local l = input("> ") end`, Options{
		Input: func(context.Context, string) (string, error) {
			calls++
			if calls > 1000 {
				cancel() // the loop went on: end the test
			}
			return "", ErrInterrupted
		}})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("err %v after %d calls of Input", err, calls)
	}
}

// TestIoReadKeepsServing: io.read and io.stdin:read read the script's
// input as input() does, while the other tasks go on serving (they
// blocked the whole run, or raised).
func TestIoReadKeepsServing(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	out := newLineBuf()
	done := make(chan error, 1)
	go func() {
		done <- RunString(context.Background(), "read.lua", `
			local l = assert(net.listen("tcp", "127.0.0.1:0"))
			spawn(function()
				local c = l:accept()
				while true do local d = c:recv() if not d then break end c:send(d) end
			end)
			print("listening on " .. table.concat({l:localaddr()}, ":"))
			print("[" .. io.read() .. "]")
			print("[" .. io.stdin:read("*L") .. "]")
			print("[" .. io.read("*a") .. "]")
			print(pcall(io.read, "*n"))
			os.exit(0)`, Options{Stdin: pr, Stdout: out, Stderr: out})
	}()
	addr := out.wait(t, `listening on (\S+:\d+)`, 5*time.Second)
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	for _, msg := range []string{"while io.read waits", "while io.stdin:read waits"} {
		fmt.Fprint(c, msg)
		b := make([]byte, len(msg))
		if _, err := io.ReadFull(c, b); err != nil || string(b) != msg {
			t.Fatalf("echo %s: %q %v; output:\n%s", msg, b, err, out)
		}
		if strings.Contains(msg, "stdin") {
			io.WriteString(pw, "two\n")
		} else {
			io.WriteString(pw, "one\n")
		}
	}
	io.WriteString(pw, "three\nfour\n")
	pw.Close()
	select {
	case err := <-done:
		want := "[one]\n[two\n]\n[three\nfour\n]\nfalse\tread.lua:11: bad argument #1 to 'read' (format *n is not supported"
		if err != nil || !strings.Contains(out.String(), want) {
			t.Fatalf("err %v; output:\n%s", err, out)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the script did not end; output:\n%s", out)
	}
}
