package repl

import (
	"io"
	"os"

	"github.com/chzyer/readline"
	"golang.org/x/sys/windows"
)

// consoleIn returns what readline reads the terminal from. On a Windows
// console that is readline's own reader of the console's key events,
// which turns the arrows, Home, End and Delete into the sequences its
// line editor knows (history with Up and Down); readline uses it only as
// its default Stdin, which socklab replaces with its own wrapper.
func consoleIn(in io.Reader) io.Reader {
	if f, ok := in.(*os.File); ok && isConsole(f) {
		return readline.Stdin
	}
	return in
}

// consoleOut turns on the console's virtual-terminal processing, so that
// the colours and readline's redraw (escape sequences) show as they do on
// other terminals; where the console cannot (before Windows 10), readline's
// own translation of the sequences is used.
func consoleOut(out io.Writer) io.Writer {
	f, ok := out.(*os.File)
	if !ok || !isConsole(f) || showsEscapes(f) {
		return out
	}
	return readline.NewANSIWriter(out)
}

// showsEscapes turns on the virtual-terminal processing of the console f,
// which Windows 10's console leaves off (escape sequences then show as
// "←[31m"), and reports whether the console now has it; f not being a
// console, it reports true.
func showsEscapes(f *os.File) bool {
	h := windows.Handle(f.Fd())
	var m uint32
	if windows.GetConsoleMode(h, &m) != nil {
		return true
	}
	return m&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 ||
		windows.SetConsoleMode(h, m|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}

// isConsole reports whether f is a Windows console.
func isConsole(f *os.File) bool {
	var m uint32
	return windows.GetConsoleMode(windows.Handle(f.Fd()), &m) == nil
}
