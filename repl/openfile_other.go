//go:build !unix

package repl

import (
	"context"
	"os"
)

// openCtx opens path for reading (no FIFOs here to wait on).
func openCtx(ctx context.Context, path string) (*os.File, error) { return os.Open(path) }

// openWriteCtx opens path for writing, as os.OpenFile(path, flag, perm).
func openWriteCtx(ctx context.Context, path string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag, perm)
}
