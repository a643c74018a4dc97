package say

import (
	"os"
	"runtime"
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

// TestAccessDeniedOnWindows: a bind Windows refuses with WSAEACCES is not
// about privileged ports, which Windows does not have: the port is in a
// range the system reserved (Hyper-V, WSL and Docker reserve some of the
// course's high ports) or another program holds it exclusively. Linux's
// EACCES keeps its meaning.
func TestAccessDeniedOnWindows(t *testing.T) {
	err := &netops.OpError{Op: "bind", ID: 1, Net: "tcp", Addr: "127.0.0.1:65432",
		Err: &netops.SysError{Call: "bind", Errno: syscall.EACCES, Winsock: "WSAEACCES 10013"}}
	want, never := "ports below 1024", "excludedportrange"
	if runtime.GOOS == "windows" {
		want, never = "netsh interface ipv4 show excludedportrange protocol=tcp", "below 1024"
	}
	if m := Meaning(err); !strings.Contains(m, want) || strings.Contains(m, never) {
		t.Errorf("a bind refused with EACCES means %q, want %q", m, want)
	}
	if c := Call(netops.Call{Name: "bind", Err: err.Err}); !strings.Contains(c, want) {
		t.Errorf("explain's bind refused with EACCES: %q, want %q", c, want)
	}
}
