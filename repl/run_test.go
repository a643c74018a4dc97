package repl

import (
	"bytes"
	"context"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// runShell runs [Run] non-interactively with stdin read from a file.
func runShell(t *testing.T, o Options, stdin string) (status int, stdout, stderr string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "stdin")
	os.WriteFile(f, []byte(stdin), 0o644)
	in, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out, errOut bytes.Buffer
	o.Stdin, o.Stdout, o.Stderr = in, &out, &errOut
	return Run(o), out.String(), errOut.String()
}

func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		o      Options
		stdin  string
		status int
	}{
		{"all well", Options{HasCommands: true, Commands: "help; help recv"}, "", 0},
		{"empty -c", Options{HasCommands: true}, "", 0},
		{"a failure among good ones", Options{HasCommands: true, Commands: "help; nosuch; help"}, "", 1},
		{"unterminated quote is bad usage", Options{HasCommands: true, Commands: `help; send "x`}, "", 2},
		{"stdin all well", Options{}, "help\n# comment\n\nhelp send\n", 0},
		{"stdin with a failure", Options{}, "nosuch\nhelp\n", 1},
		{"quit stops", Options{HasCommands: true, Commands: "quit; nosuch"}, "", 0},
		{"stdin quit stops", Options{}, "exit\nnosuch\n", 0},
	} {
		status, stdout, stderr := runShell(t, tc.o, tc.stdin)
		if status != tc.status {
			t.Errorf("%s: status %d, want %d\nstdout: %s\nstderr: %s", tc.name, status, tc.status, stdout, stderr)
		}
		if strings.Contains(stdout+stderr, "\x1b[") {
			t.Errorf("%s: colour without a terminal", tc.name)
		}
	}
	// The rest runs after a failure, and a -c that does not parse runs nothing.
	_, stdout, stderr := runShell(t, Options{HasCommands: true, Commands: "nosuch; help use"}, "")
	if !strings.HasPrefix(stdout, "usage: use ID") || !strings.HasPrefix(stderr, "error: unknown command \"nosuch\"") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
	_, stdout, stderr = runShell(t, Options{HasCommands: true, Commands: `help; send "x`}, "")
	if stdout != "" || !strings.HasPrefix(stderr, "error: -c: unterminated quote") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
}

// TestPythonClient has a python3 client, as in the course's exercises, talk
// to a socklab listener.
func TestPythonClient(t *testing.T) {
	py, err := osexec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen tcp 127.0.0.1:0")
	port := s.Current().LocalAddr()[len("127.0.0.1:"):]
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	client := osexec.CommandContext(ctx, py, "-c", `
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall("Testando conexão".encode())
print(s.recv(1024).decode())
s.close()
`, port)
	var pyOut bytes.Buffer
	client.Stdout, client.Stderr = &pyOut, &pyOut
	if err := client.Start(); err != nil {
		t.Fatal(err)
	}
	got := mustExec(t, s, out, "accept --timeout 10s; recv --timeout 10s; send 'SERVER OK - STATUS 200'; recv --timeout 10s")
	if err := client.Wait(); err != nil {
		t.Fatalf("python: %v\n%s", err, pyOut.String())
	}
	want := regexp.MustCompile(`^\[2\] tcp conn 127\.0\.0\.1:\d+ <- 127\.0\.0\.1:\d+  state ESTABLISHED \(from listener \[1\]\)
\[2\] 17 bytes: "Testando conexão"
\[2\] sent 22 bytes
\[2\] the peer finished sending \(FIN\): end of stream; \[2\] is now in CLOSE_WAIT until you close it
$`)
	if !want.MatchString(got) {
		t.Errorf("socklab printed:\n%s", got)
	}
	if pyOut.String() != "SERVER OK - STATUS 200\n" {
		t.Errorf("python printed %q", pyOut.String())
	}
}

// TestCloseLeavesNothing checks that closing a session, with watched
// sockets and a background task, ends every goroutine it started.
func TestCloseLeavesNothing(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	out := &syncBuffer{}
	s := newSession(config{out: out, errOut: out, notices: true})
	ctx := context.Background()
	if err := s.Exec(ctx, "listen 127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if err := s.Exec(ctx, "connect "+s.Current().LocalAddr()+"; accept 1; send 2 hi"); err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	s.Go("waiter", func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	<-started
	s.Close()
	if !strings.Contains(out.String(), "[2] sent 2 bytes") {
		t.Errorf("output: %q", out.String())
	}
}
