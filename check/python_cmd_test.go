package check

import (
	"bytes"
	"context"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestExamplesRunThisSystemsPython: the commands the messages give as
// examples run Python as this system does: python3 on Linux and macOS, py
// on Windows (the python.org installer puts the py launcher in PATH, and
// python3 there is the Microsoft Store's placeholder, which only says
// Python is not installed).
func TestExamplesRunThisSystemsPython(t *testing.T) {
	py := "python3"
	if runtime.GOOS == "windows" {
		py = "py"
	}
	var out, errb bytes.Buffer
	Main(context.Background(), []string{"echo-client"}, &out, &errb, false)
	_, err := parseArgs([]string{"echo-server", "--"})
	ln, lerr := net.Listen("tcp", "127.0.0.1:0")
	if lerr != nil {
		t.Fatal(lerr)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close() // nothing listens there now: refused
	rep := check(t, "echo-server", port)
	for _, c := range []struct{ where, text, want string }{
		{"a client without a command", errb.String(), "-- " + py + " client.py"},
		{"nothing after --", err.Error(), "-- " + py + " server.py"},
		{"a refused server", rep.Cases[0].Meaning, "-- " + py + " server.py"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.where, c.want, c.text)
		}
	}
}
