//go:build !unix

package repl

import (
	"context"
	"os"
)

// openCtx opens path as os.OpenFile(path, flag, perm) does (no FIFOs here
// to wait on).
func openCtx(ctx context.Context, path string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag, perm)
}
