// Package luanet binds netops to gopher-lua.
package luanet

import (
	"context"
	"errors"
	"io"

	"github.com/socklab/socklab/netops"
)

// Options configure a script run.
type Options struct {
	Table     *netops.Table // sockets join this table; nil: a table of the script's own
	Owner     string        // recorded as the sockets' owner
	Stdin     io.Reader     // input() reads lines here, unless Input is set
	Input     func(ctx context.Context, prompt string) (string, error)
	Stdout    io.Writer // print() and the script's output
	Stderr    io.Writer // reports of handler errors
	AllowExec bool      // os.execute and io.popen are available
}

// RunFile runs the Lua script at path with args in the global arg.
func RunFile(ctx context.Context, path string, args []string, o Options) error {
	return errors.New("Lua scripting is not built yet")
}
