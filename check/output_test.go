package check

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestOutputOfStoppedPython: what a Python server printed (without
// flush) before socklab stopped it is in the report, also where Python
// would buffer it (PYTHONUNBUFFERED not set, as on a student's machine).
func TestOutputOfStoppedPython(t *testing.T) {
	needPython(t)
	t.Setenv("PYTHONUNBUFFERED", "")
	_ = os.Unsetenv("PYTHONUNBUFFERED")
	port := freePort(t)
	prog := mutate(t, "echo_server", `print("Bind", flush=True)`, `print("Bind: printed without flush")`,
		"s.listen()", "__import__('time').sleep(60)")
	rep := check(t, "echo-server", port, python(prog, port)...)
	if rep.Passed || rep.Cases[0].Output != "Bind: printed without flush" {
		t.Fatalf("the first case should show the program's output:\n%s", text(rep))
	}
}

// floodServer answers every chunk with 100 KB of "x", on every
// connection, until the client goes.
func floodServer(t *testing.T) string {
	flood := bytes.Repeat([]byte("x"), 100<<10)
	return goServer(t, func([]byte) []byte { return flood })
}

// TestFloodShownBounded: a server that floods its client gets a report
// that shows the first bytes and the count, not the whole flood.
func TestFloodShownBounded(t *testing.T) {
	rep := check(t, "echo-server", floodServer(t))
	out := text(rep)
	if rep.Passed || len(out) > 6000 {
		t.Fatalf("the report of a flood is %d bytes:\n%.3000s", len(out), out)
	}
	if got := rep.Cases[0].Got; !strings.HasPrefix(got, `"xxxx`) || !strings.Contains(got, `"... (`) {
		t.Fatalf("the flood is not shown by its first bytes and its count: %s", got)
	}
}

// TestLongOutputLinesCut: a program's output line of 100 000 bytes is
// shown by its first bytes.
func TestLongOutputLinesCut(t *testing.T) {
	needPython(t)
	port := freePort(t)
	prog := mutate(t, "echo_server", `print("Bind", flush=True)`, `print("y" * 100000, flush=True)`,
		"s.listen()", "__import__('time').sleep(60)")
	rep := check(t, "echo-server", port, python(prog, port)...)
	if out := rep.Cases[0].Output; rep.Passed || !strings.HasPrefix(out, "yyyy") || len(out) > 200 {
		t.Fatalf("the output line is shown with %d bytes:\n%.3000s", len(out), text(rep))
	}
}

// TestPythonOutsideUTF8: the course's chat client passes where Python
// reads and writes pipes in an encoding other than UTF-8 (Windows' cp1252;
// here ASCII, in the C locale with Python's UTF-8 mode and locale
// coercion turned off): the typed line "olá, servidor" goes out as the
// same UTF-8 bytes, and the reply is printed.
func TestPythonOutsideUTF8(t *testing.T) {
	needPython(t)
	for k, v := range map[string]string{"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""} {
		t.Setenv(k, v)
	}
	_ = os.Unsetenv("PYTHONIOENCODING")
	port := freePort(t)
	if rep := check(t, "chat-client", port, python(example("chat_client"), port)...); !rep.Passed {
		t.Fatalf("the course's chat client fails:\n%s", text(rep))
	}
}

// TestOutputWithCRLF: a program's last output written with CRLF line ends
// (Python on Windows prints so) is shown as the same lines, without a "?"
// (the escaped CR) at the end of each, and its JSON has no "\r".
func TestOutputWithCRLF(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(helperVar, "crlf")
	rep := check(t, "echo-server", freePort(t), self)
	want := "Traceback (most recent call last):\nOSError: [WinError 10048] endereço em uso"
	if out := rep.Cases[0].Output; out != want || strings.Contains(text(rep), "?\n") {
		t.Fatalf("the output is %q, want %q:\n%s", out, want, text(rep))
	}
}
