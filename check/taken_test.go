package check

import (
	"strings"
	"testing"
)

// TestAddressTaken starts a student's server where another program
// already listens and answers as a correct echo server would: the
// student's bind fails, and the check must say so rather than grade the
// other program.
func TestAddressTaken(t *testing.T) {
	needPython(t)
	t.Parallel()
	port := goEchoServer(t) // another program, a correct echo server, on the port
	rep := check(t, "echo-server", port, python(example("echo_server"), port)...)
	if rep.Passed || rep.Cases[0].Passed {
		t.Fatalf("the other program was graded:\n%s", text(rep))
	}
	if m := rep.Cases[0].Meaning; !strings.Contains(m, "another program already holds 127.0.0.1:"+port) {
		t.Fatalf("the first case does not name the taken address:\n%s", text(rep))
	}
}

// TestAddressTakenSeenBeforeStart: the taken port is seen before the
// program is started, on every system (Windows says WSAEADDRINUSE, which
// was not read as EADDRINUSE: the check went on and graded the other
// program), so no Python is needed to show it.
func TestAddressTakenSeenBeforeStart(t *testing.T) {
	t.Parallel()
	port := goEchoServer(t)
	rep := check(t, "echo-server", port, "a-program-that-never-starts")
	if m := rep.Cases[0].Meaning; rep.Cases[0].Passed || !strings.Contains(m, "another program already holds 127.0.0.1:"+port) {
		t.Fatalf("the first case does not name the taken address:\n%s", text(rep))
	}
}
