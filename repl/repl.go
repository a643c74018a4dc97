// Package repl is socklab's interactive shell.
package repl

import (
	"fmt"
	"io"
	"os"
)

// Options configure [Run].
type Options struct {
	Commands    string   // with HasCommands: the -c commands, separated by ; or newlines
	HasCommands bool     // -c was given
	Stdin       *os.File // the shell reads commands here (a terminal: interactive)
	Stdout      io.Writer
	Stderr      io.Writer
	AllowExec   bool // scripts may use os.execute and io.popen
}

// Run runs the shell and returns the exit status.
func Run(o Options) int {
	fmt.Fprintln(o.Stderr, "error: the shell is not built yet")
	return 1
}
