//go:build !windows

package repl

import (
	"io"
	"os"
)

// consoleIn returns what readline reads the terminal from: the input
// itself, on systems whose terminals send escape sequences for the keys.
func consoleIn(in io.Reader) io.Reader { return in }

// consoleOut returns the writer for the terminal: out itself, on systems
// whose terminals read escape sequences.
func consoleOut(out io.Writer) io.Writer { return out }

// showsEscapes reports whether the terminal f shows escape sequences: on
// these systems terminals do.
func showsEscapes(*os.File) bool { return true }
