package say

import (
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/socklab/socklab/netops"
)

// TestWinsockErrorsSaid: a Winsock code is said as its POSIX errno, in the
// same words as on Linux, with its meaning; a failed step call names both
// errnos. It runs on every system (Winsock's codes are above any POSIX
// errno); CI runs it under Wine as well.
func TestWinsockErrorsSaid(t *testing.T) {
	refused := &netops.OpError{Op: "connect", Net: "tcp", Addr: "127.0.0.1:9", Err: os.NewSyscallError("connectex", syscall.Errno(10061))}
	linux := &netops.OpError{Op: "connect", Net: "tcp", Addr: "127.0.0.1:9", Err: syscall.ECONNREFUSED}
	if got, want := Error(refused), Error(linux); got != want {
		t.Errorf("WSAECONNREFUSED said %q, want %q as for ECONNREFUSED", got, want)
	}
	if got, want := Meaning(refused), Meaning(linux); got != want || got == "" {
		t.Errorf("WSAECONNREFUSED means %q, want %q", got, want)
	}
	step := &netops.OpError{Op: "bind", ID: 1, Net: "tcp", Addr: "127.0.0.1:80",
		Err: &netops.SysError{Call: "bind", Errno: syscall.EADDRINUSE, Winsock: "WSAEADDRINUSE 10048"}}
	if got := Error(step); !strings.Contains(got, "(EADDRINUSE, Windows WSAEADDRINUSE 10048)") {
		t.Errorf("a failed bind on Windows: %q, want both errno names", got)
	}
}
