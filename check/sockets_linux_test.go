package check

import (
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestListensElsewhere: a server that listens on ::1 only, or on another
// port, is told where it listens.
func TestListensElsewhere(t *testing.T) {
	needPython(t)
	if ln, err := net.Listen("tcp", "[::1]:0"); err != nil {
		t.Skip("no IPv6 loopback:", err)
	} else {
		_ = ln.Close()
	}
	const server = `import socket, sys, time
port = int(sys.argv[2])
fam, host = (socket.AF_INET6, "::1") if sys.argv[3] == "v6" else (socket.AF_INET, "127.0.0.1")
s = socket.socket(fam)
s.bind((host, port if sys.argv[4] == "same" else 0))
s.listen()
time.sleep(60)
`
	p := filepath.Join(t.TempDir(), "server.py")
	if err := os.WriteFile(p, []byte(server), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ family, port string }{{"v6", "same"}, {"v4", "other"}} {
		t.Run(c.family+" "+c.port, func(t *testing.T) {
			t.Parallel()
			port := freePort(t)
			want := "[::1]:" + port
			if c.family == "v4" {
				want = "127.0.0.1:" // a port the system chose
			}
			rep := check(t, "echo-server", port, python(p, port, c.family, c.port)...)
			if m := rep.Cases[0].Meaning; rep.Passed || !strings.Contains(m, "it listens on "+want) {
				t.Fatalf("the first case does not say where the server listens (%s):\n%s", want, text(rep))
			}
		})
	}
}

// FuzzProcAddr: any text in /proc/net/tcp's address column decodes or is
// refused, never a panic; a known address decodes right.
func FuzzProcAddr(f *testing.F) {
	little := binary.NativeEndian.Uint16([]byte{1, 0}) == 1 // /proc prints in the machine's order
	if a, ok := procAddr("0100007F:1F90"); little && (!ok || a != "127.0.0.1:8080") {
		f.Fatalf("0100007F:1F90 decodes to %q, %v", a, ok)
	}
	if a, ok := procAddr("00000000000000000000000001000000:FF98"); little && (!ok || a != "[::1]:65432") {
		f.Fatalf("::1 decodes to %q, %v", a, ok)
	}
	f.Add("0100007F:1F90")
	f.Add("00000000000000000000000001000000:FF98")
	f.Add("0000000000000000FFFF00000100007F:0050")
	f.Add(":")
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = procAddr(s)
	})
}

// TestRetryAttemptsUnseen: a client none of whose sockets was seen while
// its connections were refused (as one that closes each refused socket
// at once, too briefly open to be caught; here, deterministically, one
// that makes its first attempt only once the refusals are over) is not
// said to have shown one attempt (nor zero sockets, one per attempt):
// nothing was measured.
func TestRetryAttemptsUnseen(t *testing.T) {
	needPython(t)
	port := freePort(t)
	wait := (minStartWait + refuseBlind + 500*time.Millisecond).Seconds()
	prog := mutate(t, "retry_client", "client = connect_to_server()",
		fmt.Sprintf("time.sleep(%.1f)\nclient = connect_to_server()", wait))
	rep := check(t, "retry-client", port, python(prog, port)...)
	for _, r := range rep.Cases {
		if (r.Case == "interval" || r.Case == "fresh-socket") && !strings.Contains(r.Note, "not measured") {
			t.Errorf("%s: %q", r.Case, r.Note)
		}
	}
	if t.Failed() {
		t.Log(text(rep))
	}
}
