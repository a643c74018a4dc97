package repl

import (
	"os"

	"golang.org/x/sys/unix"
)

// canonical reports whether the terminal behind the pty master f is in
// canonical (cooked) mode, where Ctrl-C is a signal, not a key press.
func canonical(f *os.File) bool {
	t, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil && t.Lflag&unix.ICANON != 0
}

// echoing reports whether the terminal behind the pty master f echoes
// what is typed.
func echoing(f *os.File) bool {
	t, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil && t.Lflag&unix.ECHO != 0
}
