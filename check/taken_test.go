package check

import (
	"net"
	"strings"
	"testing"
)

// TestAddressTaken starts a student's server where another program
// already listens and answers as a correct echo server would: the
// student's bind fails, and the check must say so rather than grade the
// other program.
func TestAddressTaken(t *testing.T) {
	needPython(t)
	t.Parallel()
	port := freePort(t)
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 1024)
				for {
					n, err := c.Read(buf)
					if err != nil {
						return
					}
					_, _ = c.Write(buf[:n])
				}
			}()
		}
	}()
	rep := check(t, "echo-server", port, python(example("echo_server"), port)...)
	if rep.Passed || rep.Cases[0].Passed {
		t.Fatalf("the other program was graded:\n%s", text(rep))
	}
	if m := rep.Cases[0].Meaning; !strings.Contains(m, "another program already holds 127.0.0.1:"+port) {
		t.Fatalf("the first case does not name the taken address:\n%s", text(rep))
	}
}
