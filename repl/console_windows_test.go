package repl

import (
	"os"
	"testing"

	"golang.org/x/sys/windows"
)

// TestColorTurnsOnVT: where socklab colours what it writes to a Windows
// console (-c's errors, check's report), it first turns on the console's
// virtual-terminal processing, which Windows 10's console leaves off:
// without it the colours' escape sequences show as "←[31merror:". The
// test needs a console (Wine gives one in a terminal, not with pipes).
func TestColorTurnsOnVT(t *testing.T) {
	f, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no console to test in (run the test in a terminal):", err)
	}
	defer f.Close()
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		t.Skip("no console to test in (run the test in a terminal):", err)
	}
	defer windows.SetConsoleMode(h, mode)
	if err := windows.SetConsoleMode(h, mode&^windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING); err != nil {
		t.Fatal(err)
	}
	t.Setenv("NO_COLOR", "")
	if !CanColor(f) {
		t.Fatal("a console that can take virtual-terminal processing gets no colours")
	}
	var now uint32
	windows.GetConsoleMode(h, &now)
	if now&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING == 0 {
		t.Fatalf("colours on, but the console's mode %#x has no virtual-terminal processing", now)
	}
}
