package luanet

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestReadAllIsByteExact: io.read("*a") returns the rest of the input byte
// for byte (no newline added, carriage returns kept: a binary file piped
// into a script arrives as it is), and "*L" keeps a line's own "\r\n".
func TestReadAllIsByteExact(t *testing.T) {
	bin := "a\r\nb\x00\xff\rc" // no final newline
	out, _, err := runLua(t, `
		print(string.format("%q", io.read("*L")))
		print(string.format("%q", io.read("*a")))
		print(io.read("*a") == "", io.read())`, Options{Stdin: strings.NewReader("one\r\n" + bin)})
	want := `"one\r\n"` + "\n" + `"a\r\nb\x00\xff\rc"` + "\ntrue\tnil\n"
	if err != nil || out != want {
		t.Fatalf("err %v, output:\n%q\nwant:\n%q", err, out, want)
	}
}

// TestInputLineIsBounded: a line longer than maxInputLine (its length a
// peer's choice) is skipped with nil, "too long", without holding it in
// memory, and the next line is read as usual; input() strips "\r\n".
func TestInputLineIsBounded(t *testing.T) {
	in := io.MultiReader(strings.NewReader("first\r\n"), bytes.NewReader(make([]byte, 8*maxInputLine+5)), strings.NewReader("\nnext\n"))
	out, _, err := runLua(t, `
		print(input())
		print(input())
		print(io.read())
		print(input())`, Options{Stdin: in})
	if want := "first\nnil\ttoo long\nnext\nnil\n"; err != nil || out != want {
		t.Fatalf("err %v, output %q, want %q", err, out, want)
	}
}

// TestReadAllPaysFromTheBudget: io.read("*a") gathers within the run's
// memory budget: past it, nil, "memory".
func TestReadAllPaysFromTheBudget(t *testing.T) {
	out, _, err := runLua(t, `
		net.memory(1024 * 1024)
		print(io.read("*a"))
		print(net.memory())`, Options{Stdin: bytes.NewReader(make([]byte, 3*maxInputLine))})
	if want := "nil\tmemory\n1048576\t0\n"; err != nil || out != want {
		t.Fatalf("err %v, output %q, want %q", err, out, want)
	}
}

// TestCanceledInputTakesNoLine: a task canceled while it waits in input()
// (a chat client's keyboard task) does not take the next line typed: the
// task that reads after it gets it and sends it to a Go peer.
func TestCanceledInputTakesNoLine(t *testing.T) {
	addr, ch := goListener(t)
	pr, pw := io.Pipe()
	go func() {
		c, ok := <-ch
		if !ok {
			return
		}
		c.Read(make([]byte, 1)) // the script is ready: the keyboard task waits
		pw.Write([]byte("typed line\n"))
		pw.Close()
	}()
	out, errs, err := runLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local keyboard = spawn(function() return input() end)
		sleep(0.02)
		print(keyboard:status(), keyboard:cancel(), keyboard:join())
		c:send("R")
		print(input())`, Options{Stdin: pr})
	want := "waiting\ttrue\tnil\tcanceled\ntyped line\n"
	if err != nil || out != want {
		t.Errorf("output %q, error %v (stderr %q); want %q", out, err, errs, want)
	}
}
