package check

import (
	"os"
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
