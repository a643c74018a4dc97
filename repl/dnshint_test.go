package repl

import (
	"net"
	"syscall"
	"testing"

	"github.com/socklab/socklab/netops"
)

// TestNoErrnoHintForLookup: a name that could not be looked up because
// the DNS server was out of reach wraps that dial's errno; the shell must
// not then explain the errno ("no route to that network") as if the
// connect itself had failed with it.
func TestNoErrnoHintForLookup(t *testing.T) {
	s, _ := testSession(t, false)
	de := &net.DNSError{Err: "connect: network is unreachable", Name: "example.invalid", UnwrapErr: syscall.ENETUNREACH}
	err := &netops.OpError{Op: "connect", Net: "tcp", Addr: "example.invalid:80", Err: de}
	if h := s.socketHints(err); len(h) != 0 {
		t.Errorf("hints for a failed lookup: %q; want none", h)
	}
	if h := s.socketHints(&netops.OpError{Op: "connect", Net: "tcp", Addr: "10.0.0.1:80", Err: syscall.ENETUNREACH}); len(h) == 0 {
		t.Error("a connect that failed with ENETUNREACH got no hint")
	}
}
