// Package netcat is socklab's netcat mode.
package netcat

import (
	"context"
	"fmt"
	"io"
)

// Main runs netcat mode with nc's arguments and returns the exit status.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "socklab nc: not built yet")
	return 1
}
