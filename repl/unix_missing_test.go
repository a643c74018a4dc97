package repl

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnixMissingSaysSo: on a system without UNIX domain sockets (Windows
// before 10 1803; Wine 8) listen unix and connect unix say that the
// system has none, not that "an IPv4 socket cannot use an IPv6 address".
// Where the system has them, there is nothing to test.
func TestUnixMissingSaysSo(t *testing.T) {
	dir := t.TempDir()
	if l, err := net.Listen("unix", filepath.Join(dir, "probe")); err == nil {
		l.Close()
		t.Skip("this system has UNIX domain sockets")
	}
	s, out := testSession(t, false)
	for _, cmd := range []string{"listen unix " + filepath.Join(dir, "s"), "connect unix " + filepath.Join(dir, "s")} {
		got, err := exec(t, s, out, cmd)
		if err == nil || !strings.Contains(got, "this system has no UNIX domain sockets") || strings.Contains(got, "IPv6") {
			t.Errorf("%s:\n%s", cmd, got)
		}
	}
}
