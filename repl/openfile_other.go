//go:build !unix

package repl

import (
	"context"
	"os"
)

// openCtx opens path for reading (no FIFOs here to wait on).
func openCtx(ctx context.Context, path string) (*os.File, error) { return os.Open(path) }
