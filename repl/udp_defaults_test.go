package repl

import (
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestUDPSendtoUnbound: a socket made with `socket udp` can sendto without
// a bind, as in Python (the kernel binds it and explain says so); an
// unconnected UDP socket shows REMOTE *:* as netstat does, with its last
// sender beside it; and a recvfrom that times out names the socket's own
// address, not its last peer's.
func TestUDPSendtoUnbound(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the step-by-step socket calls need the BSD socket API")
	}
	s, out := testSession(t, false)
	lst := mustExec(t, s, out, "listen udp 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(lst)[1]
	got := mustExec(t, s, out, "explain on; socket udp; sendto 2 127.0.0.1:"+port+" hi; explain off")
	if !strings.Contains(got, "the kernel bound it to a free (ephemeral) port") || !strings.Contains(got, "[2] sent 2 bytes") {
		t.Fatalf("sendto on an unbound socket:\n%s", got)
	}
	got = mustExec(t, s, out, "recvfrom 1")
	from := regexp.MustCompile(`2 bytes from (127\.0\.0\.1:\d+)`).FindStringSubmatch(got)
	if from == nil {
		t.Fatalf("recvfrom 1:\n%s", got)
	}
	got = mustExec(t, s, out, "sockets")
	if !regexp.MustCompile(`\[1\] .*127\.0\.0\.1:` + port + ` +\*:\* .*last from ` + regexp.QuoteMeta(from[1])).MatchString(got) {
		t.Fatalf("sockets does not show [1]'s REMOTE as *:* with its last sender %s:\n%s", from[1], got)
	}
	got, err := exec(t, s, out, "recvfrom 1 --timeout 50ms")
	if err == nil || !strings.Contains(got, "recvfrom udp 127.0.0.1:"+port+": ") {
		t.Fatalf("recvfrom timeout names the wrong address:\n%s", got)
	}
	// The reply comes back to the port the kernel chose.
	mustExec(t, s, out, "sendto 1 "+from[1]+" ok")
	if got := mustExec(t, s, out, "recvfrom 2 --timeout 5s"); !strings.Contains(got, `"ok"`) {
		t.Fatalf("the reply did not reach the autobound socket:\n%s", got)
	}
}
