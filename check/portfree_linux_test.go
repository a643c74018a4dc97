package check

import (
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// TestClientCheckLeavesPortFree: after a client's check where socklab
// plays a server that closes first (number-client), the course's address
// is free at once for the next check, a server's whose program binds it
// without SO_REUSEADDR, as the course's Python servers do. A graceful
// close first by socklab would leave its side in TIME_WAIT for a minute,
// and the next student's server would fail with "Address already in use".
func TestClientCheckLeavesPortFree(t *testing.T) {
	needPython(t)
	port := freePort(t)
	rep := check(t, "number-client", port, python(example("number_client"), port)...)
	if !rep.Passed {
		t.Fatalf("the reference client failed:\n%s", text(rep))
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	n, _ := strconv.Atoi(port)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Port: n, Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatalf("bind 127.0.0.1:%s without SO_REUSEADDR after the check: %v (the check left the port in TIME_WAIT)", port, err)
	}
}
