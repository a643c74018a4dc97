package repl

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// TestHintsNameTheSystemsCommands: a port another program holds, and an
// address that is not this machine's, get hints that name commands of the
// system the student is on (Windows has no ss or ip), and none that says
// socklab set SO_REUSEADDR where it sets none (Windows).
func TestHintsNameTheSystemsCommands(t *testing.T) {
	other, err := net.Listen("tcp", "127.0.0.1:0") // another program, as far as the shell knows
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	port := strconv.Itoa(other.Addr().(*net.TCPAddr).Port)
	s, out := testSession(t, false)
	inUse, err := exec(t, s, out, "listen 127.0.0.1:"+port)
	if err == nil {
		t.Fatalf("listen on a port another socket holds succeeded:\n%s", inUse)
	}
	notMine, err := exec(t, s, out, "listen 192.0.2.1:0") // TEST-NET-1: no machine's address
	if err == nil {
		t.Fatalf("listen on 192.0.2.1 succeeded:\n%s", notMine)
	}
	wantInUse, wantNotMine, never := "ss -ltnup 'sport = :"+port+"'", "an address from: ip addr", "(none)"
	if onWindows {
		wantInUse, wantNotMine, never = "netstat -ano | findstr :"+port, "an address from: ipconfig", "SO_REUSEADDR"
	}
	if !strings.Contains(inUse, wantInUse) || strings.Contains(inUse, never) {
		t.Errorf("a port another program holds: want %q, never %q:\n%s", wantInUse, never, inUse)
	}
	if !strings.Contains(notMine, wantNotMine) {
		t.Errorf("an address not this machine's: want %q:\n%s", wantNotMine, notMine)
	}
}
