package netcat

import (
	"net"
	"os"
	"testing"
	"time"
)

// fillStdout writes to c until nc stops reading it (its write to stdout,
// a pipe nobody reads, is stuck) or has closed it.
func fillStdout(t *testing.T, c net.Conn) {
	t.Helper()
	chunk := make([]byte, 64<<10)
	for {
		c.SetWriteDeadline(time.Now().Add(200 * time.Millisecond))
		if _, err := c.Write(chunk); isTimeout(err) || isPeerGone(err) {
			return
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

// TestIdleTimeoutWithStdoutStuck: -w ends the run when nothing moved for
// its time, also when what stopped moving is stdout (a reader that never
// reads): nc quits with status 0, and socklab waited for ever for the
// write to stdout to finish.
func TestIdleTimeoutWithStdoutStuck(t *testing.T) {
	for _, args := range [][]string{{"-d"}, {"-N"}} { // peer still open; stdin's end sent
		t.Run(args[0], func(t *testing.T) {
			ln, port := server(t)
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer pr.Close() // after the test: the stuck write ends with EPIPE
			defer pw.Close()
			r := startIO(t, nil, pw, append(args, "-w", "300ms", "127.0.0.1", port)...)
			c := accept(t, ln)
			fillStdout(t, c)
			t0 := time.Now()
			select {
			case s := <-r.done:
				r.done <- s
				if s != 0 {
					t.Fatalf("status %d, want 0 as nc; %q", s, r.stderr)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("still running %v after stdout stuck with -w 300ms", time.Since(t0))
			}
		})
	}
}
