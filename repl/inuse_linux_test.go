package repl

import (
	"strconv"
	"strings"
	"testing"

	"github.com/socklab/socklab/netops"
)

// TestListenBlockedByTimeWait: a connection left in TIME_WAIT by a socket
// that did not set SO_REUSEADDR holds its port even against the one-step
// listen, which sets it (Linux wants it on both). The hint reads the
// kernel's table and says so, instead of blaming a live socket.
func TestListenBlockedByTimeWait(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0") // [1] the server
	srv := s.Current().LocalAddr()
	mustExec(t, s, out, "socket tcp; bind 2 127.0.0.1:0") // [2] a client on a port of its own, no SO_REUSEADDR
	sock, err := s.table.Get(2)
	if err != nil {
		t.Fatal(err)
	}
	port := netops.Port(sock.LocalAddr())
	mustExec(t, s, out, "connect 2 "+srv+"; accept 1; close 2; close 3") // the client closes first: TIME_WAIT on its port
	got, err := exec(t, s, out, "listen 127.0.0.1:"+strconv.Itoa(port))
	if err == nil {
		t.Fatalf("listen on a port held by TIME_WAIT succeeded:\n%s", got)
	}
	if !strings.Contains(got, "EADDRINUSE") || !strings.Contains(got, "connections in TIME_WAIT on port "+strconv.Itoa(port)+" hold it") ||
		strings.Contains(got, "a live socket does") {
		t.Errorf("listen over TIME_WAIT:\n%s", got)
	}
}
