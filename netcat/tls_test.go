package netcat

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBadTrustFileDialsNothing: a CA file that holds no certificate is
// refused before anything is dialled, as ncat does, so the server sees no
// connection.
func TestBadTrustFileDialsNothing(t *testing.T) {
	ln, port := server(t)
	bad := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(bad, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := start(t, nil, "--ssl-verify", "--ssl-trustfile", bad, "127.0.0.1", port)
	if s := r.status(t); s != 1 {
		t.Fatalf("status %d, stderr %q", s, r.stderr)
	}
	if !strings.Contains(r.stderr.String(), bad) {
		t.Fatalf("stderr %q does not name the file", r.stderr)
	}
	// Main has returned: a connection it made would be in the backlog now.
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(100 * time.Millisecond))
	if c, err := ln.Accept(); err == nil {
		c.Close()
		t.Fatal("the server got a connection from a run whose CA file was bad")
	}
}
