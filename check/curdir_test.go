package check

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestProgramInCurrentFolder: a command named by a program in the current
// folder (on Windows, cmd.exe runs socklab.exe from there; on Unix, with
// "." in PATH) is not run by Go's exec unless its path says where it is;
// the case says so in the catalog's words and how to write it, not in Go's
// "cannot run executable found relative to current directory".
func TestProgramInCurrentFolder(t *testing.T) {
	dir := t.TempDir()
	name, want := "prog", "./prog"
	if runtime.GOOS == "windows" {
		name, want = "prog.exe", `.\prog.exe`
	} else {
		t.Setenv("PATH", ".")
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	rep := check(t, "echo-server", freePort(t), name)
	m := rep.Cases[0].Meaning
	if rep.Passed || !strings.Contains(m, strconv.Quote(name)+" is in the current folder") || !strings.Contains(m, "write "+want) {
		t.Fatalf("the first case does not say to write %s:\n%s", want, text(rep))
	}
}

// TestPythonFileAsCommand: a Python file given as the command, which the
// system cannot start itself (Windows: "%1 is not a valid Win32
// application"; Unix: not executable), gets the command that runs it
// with Python, not the system's error alone.
func TestPythonFileAsCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "srv.py"), []byte("print('hi')\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	name := "." + string(filepath.Separator) + "srv.py"
	for _, cmd := range []string{name, "srv.py"} {
		rep := check(t, "echo-server", freePort(t), cmd)
		want := "-- " + pythonCmd() + " " + cmd
		if m := rep.Cases[0].Meaning; rep.Passed || !strings.Contains(m, want) {
			t.Fatalf("%s: the first case does not say to write %s:\n%s", cmd, want, text(rep))
		}
	}
}
