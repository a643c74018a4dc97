package repl

import (
	"strconv"

	"github.com/socklab/socklab/words"
)

// maxSize is the largest MAX that recv and recvfrom take (256 MiB). No
// buffer is sized by MAX: a plain recv reads at most netops.MaxRead, a
// datagram fits in 64 KiB, and the gathering forms grow with what arrives.
const maxSize = 256 << 20

// parseSize reads a MAX argument: a whole number of bytes from 1 to
// maxSize, checked in full (never truncated or wrapped).
func parseSize(cmd *Command, w string) (int, error) {
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil || n < 1 || n > maxSize {
		return 0, usageError(cmd, "%s", words.T("limits.bad_size", quoteBytes([]byte(w)), maxSize))
	}
	return int(n), nil
}
