package repl

import (
	"bufio"
	"fmt"
	"net"
	osexec "os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestNetstatAll: netstat -an lists another program's listener, with its
// name and PID, its backlog as the kernel's sock_diag reports it (the 7 of
// its listen(7), where /proc/net/tcp alone gives none), and the
// connection waiting in its accept queue as such.
func TestNetstatAll(t *testing.T) {
	py, err := osexec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	cmd := osexec.Command(py, "-c", `import socket,sys
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(7)
print(s.getsockname()[1], flush=True); sys.stdin.read()`)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	var port int
	if _, err := fmt.Fscan(bufio.NewReader(stdout), &port); err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)) // never accepted
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, out := testSession(t, false)
	pid := cmd.Process.Pid
	listen := regexp.MustCompile(fmt.Sprintf(`(?m)^tcp +127\.0\.0\.1:%d +\*:\* +LISTEN +1 +7 +python3 \(PID %d\)$`, port, pid))
	queued := regexp.MustCompile(fmt.Sprintf(`(?m)^tcp +127\.0\.0\.1:%d +%s +ESTABLISHED .*accept queue of python3 \(PID %d\)$`, port, regexp.QuoteMeta(c.LocalAddr().String()), pid))
	for _, line := range []string{"netstat -a", "netstat -an"} {
		got := mustExec(t, s, out, line)
		if !listen.MatchString(got) || !queued.MatchString(got) {
			var mine []string
			for _, l := range strings.Split(got, "\n") {
				if strings.Contains(l, fmt.Sprint(port)) {
					mine = append(mine, l)
				}
			}
			t.Fatalf("%s, lines of port %d:\n%s", line, port, strings.Join(mine, "\n"))
		}
	}
}
