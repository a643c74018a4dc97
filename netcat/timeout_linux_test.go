package netcat

import (
	"net"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// fullBacklog returns the port of a listener whose accept queue is full, so
// that a new connect hangs (Linux drops the SYN).
func fullBacklog(t *testing.T) string {
	t.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, _ := unix.Getsockname(fd)
	port := strconv.Itoa(sa.(*unix.SockaddrInet4).Port)
	for i := 0; i < 8; i++ {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 100*time.Millisecond)
		if err != nil {
			return port // the queue is full
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Skip("could not fill the accept queue")
	return ""
}

func TestConnectTimeout(t *testing.T) {
	port := fullBacklog(t)
	t0 := time.Now()
	r := start(t, nil, "-w", "300ms", "127.0.0.1", port)
	if s := r.status(t); s != 1 {
		t.Fatalf("status %d", s)
	}
	if d := time.Since(t0); d < 300*time.Millisecond || d > 5*time.Second {
		t.Errorf("gave up after %v", d)
	}
	want := "socklab nc: connect to 127.0.0.1 port " + port + " (tcp) failed: timed out\n" +
		"socklab nc: hint: no answer from 127.0.0.1:" + port + ": the host may be down, or a firewall drops the packets\n"
	if got := r.stderr.String(); got != want {
		t.Errorf("stderr\n%q, want\n%q", got, want)
	}
}
