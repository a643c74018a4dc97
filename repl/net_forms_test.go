package repl

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConnectHostPortWords: connect takes nc's HOST PORT as two words, for
// IPv4 and IPv6, with an optional protocol; nonsense gets one usage line.
func TestConnectHostPortWords(t *testing.T) {
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	host, port, _ := net.SplitHostPort(addr)
	mustExec(t, s, out, "connect "+host+" "+port)
	acceptOne(t, ln)
	mustExec(t, s, out, "connect tcp4 "+host+" "+port)
	acceptOne(t, ln)
	if ln6, err := net.Listen("tcp", "[::1]:0"); err == nil {
		defer ln6.Close()
		_, p6, _ := net.SplitHostPort(ln6.Addr().String())
		for _, line := range []string{"connect ::1 " + p6, "connect [::1] " + p6, "connect tcp6 ::1 " + p6} {
			got := mustExec(t, s, out, line)
			if !strings.Contains(got, "[::1]:"+p6) {
				t.Fatalf("%s printed %q", line, got)
			}
			acceptOne(t, ln6)
		}
	}
	for _, bad := range []string{"connect 127.0.0.1:1 2", "connect 127.0.0.1 x", "connect a b c"} {
		if _, err := exec(t, s, out, bad); err == nil {
			t.Fatalf("%s: no error", bad)
		}
	}
}

// TestRecvOut: recv --out appends exactly the bytes received (binary,
// including what the shell would escape) and shows only the count.
func TestRecvOut(t *testing.T) {
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	peer := acceptOne(t, ln)
	file := filepath.Join(t.TempDir(), "got.bin")
	payload := []byte("\x00\x1b[2J\xff\r\nline\n")
	peer.Write(payload)
	got := mustExec(t, s, out, "recv --line --out "+file)
	if !strings.Contains(got, "appended to "+file) || strings.Contains(got, "line") && !strings.Contains(got, "appended") {
		t.Fatalf("recv --out printed %q", got)
	}
	peer.Write([]byte("tail"))
	peer.(*net.TCPConn).CloseWrite()
	mustExec(t, s, out, "recv --all --out "+file)
	b, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(b, append(payload, "tail"...)) {
		t.Fatalf("file holds %q, %v", b, err)
	}
	if _, err := exec(t, s, out, "recv --out "+file+" --hex"); err == nil {
		t.Fatal("--out with --hex: no error")
	}
	if _, err := exec(t, s, out, "recv --out "+filepath.Join(file, "no", "dir")); err == nil {
		t.Fatal("unwritable --out: no error")
	}
}

// TestRecvOutLosesNothing: with a file that cannot be opened, recv --out
// receives nothing (the next recv gets the bytes); with one that cannot be
// written, the bytes are shown with the error.
func TestRecvOutLosesNothing(t *testing.T) {
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	peer := acceptOne(t, ln)
	peer.Write([]byte("hello"))
	if _, err := exec(t, s, out, "recv --out "+filepath.Join(t.TempDir(), "no", "dir", "f")); err == nil {
		t.Fatal("an --out file in a missing directory: no error")
	}
	if got := mustExec(t, s, out, "recv --timeout 5s"); !strings.Contains(got, `5 bytes: "hello"`) {
		t.Fatalf("after the failed --out, recv printed %q", got)
	}
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	peer.Write([]byte("again"))
	got, err := exec(t, s, out, "recv --timeout 5s --out /dev/full")
	if err == nil || !strings.Contains(got, `5 bytes: "again"`) {
		t.Fatalf("recv --out /dev/full: %v, %q; want an error and the bytes shown", err, got)
	}
}
