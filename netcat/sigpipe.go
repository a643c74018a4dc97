package netcat

import (
	"os/signal"
	"syscall"
)

// ignoreSIGPIPE makes a write to a closed stdout pipe fail with EPIPE
// instead of killing the process, on every path (Go's runtime kills it only
// for a write(2) to fd 1 or 2, not for splice(2)), as netcat-openbsd does:
// it ignores SIGPIPE and exits 0 when its reader goes away.
func ignoreSIGPIPE() { signal.Ignore(syscall.SIGPIPE) }
