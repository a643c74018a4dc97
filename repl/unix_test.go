package repl

import (
	"fmt"
	"io"
	"net"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/netops"
)

// TestShellUnixSockets: listen unix PATH serves nc -U, connect unix PATH
// talks to nc -lU, and the listener removes its socket file on close.
func TestShellUnixSockets(t *testing.T) {
	nc, err := osexec.LookPath("nc")
	if err != nil {
		t.Skip("nc is not installed")
	}
	s, out := testSession(t, false)
	path := filepath.Join(t.TempDir(), "lab.sock")
	mustExec(t, s, out, "listen unix "+path)
	cli := osexec.Command(nc, "-N", "-U", path)
	cli.Stdin = strings.NewReader("over unix\n")
	cdone := make(chan error, 1)
	go func() { cdone <- cli.Run() }()
	mustExec(t, s, out, "accept --timeout 10s")
	if got := mustExec(t, s, out, "recv --line --timeout 10s"); !strings.Contains(got, `"over unix\n"`) {
		t.Fatalf("recv printed %q", got)
	}
	mustExec(t, s, out, "close 2; close 1")
	select {
	case <-cdone:
	case <-time.After(10 * time.Second):
		t.Fatal("nc -U did not end")
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the socket file is still there after close")
	}

	path2 := filepath.Join(t.TempDir(), "nc.sock")
	srv := osexec.Command(nc, "-lU", path2)
	srvOut, _ := srv.StdoutPipe()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Process.Kill(); srv.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(path2); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("nc -lU made no socket file")
		}
		time.Sleep(20 * time.Millisecond) // polling for a file another process makes
	}
	mustExec(t, s, out, "connect unix "+path2)
	mustExec(t, s, out, `send "to nc\n"; close`)
	b, _ := io.ReadAll(srvOut)
	if string(b) != "to nc\n" {
		t.Fatalf("nc -lU got %q", b)
	}
}

// TestShellUnixHints: a UNIX socket's errors get hints about paths, not
// ports: a file already at the path (with a step socket open, which has
// port 0 too, the hint named it), and a path too long for sun_path (the
// system says only "invalid argument").
func TestShellUnixHints(t *testing.T) {
	needUnix(t, t.TempDir())
	s, out := testSession(t, false)
	left := filepath.Join(t.TempDir(), "left.sock") // a socket file a server left behind
	ul, err := net.ListenUnix("unix", &net.UnixAddr{Name: left, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ul.SetUnlinkOnClose(false)
	ul.Close()
	mustExec(t, s, out, "socket tcp")
	got, err := exec(t, s, out, "listen unix "+left)
	if err == nil || !strings.Contains(got, removeCommand()+" "+left) || strings.Contains(got, "port") {
		t.Fatalf("listen unix on a socket left behind: %v, %q", err, got)
	}
	// A regular file or a directory is no socket: removing it is not the
	// advice (rm /tmp, or a file's contents lost).
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, p := range []string{file, dir} {
		got, err = exec(t, s, out, "listen unix "+p)
		if err == nil || strings.Contains(got, removeCommand()+" "+p) || !strings.Contains(got, "not a socket") {
			t.Fatalf("listen unix on %s: %v, %q", p, err, got)
		}
	}
	if !strings.Contains(got, filepath.Join(dir, "socklab.sock")) {
		t.Fatalf("listen unix on a directory names no path in it: %q", got)
	}
	long := "/tmp/" + strings.Repeat("a", netops.MaxUnixPath)
	for _, cmd := range []string{"listen unix ", "connect unix "} {
		got, err = exec(t, s, out, cmd+long)
		if err == nil || !strings.Contains(got, fmt.Sprintf("at most %d bytes", netops.MaxUnixPath)) {
			t.Fatalf("%s a long path: %v, %q", cmd, err, got)
		}
	}
}

// TestShellUnixConnectHints: connect unix to a path where no server
// accepts gets a hint about that path (before, it was a TCP port's: "nothing
// listens on : — start a server with: listen tcp :"): a socket a server
// left behind, a directory, a regular file.
func TestShellUnixConnectHints(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, "left.sock")
	ul, err := net.ListenUnix("unix", &net.UnixAddr{Name: left, Net: "unix"})
	if err != nil {
		t.Skipf("no UNIX domain sockets here: %v", err)
	}
	ul.SetUnlinkOnClose(false)
	ul.Close()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, out := testSession(t, false)
	cases := map[string]string{left: "listen unix " + left, dir: "is a directory, not a socket"}
	if runtime.GOOS != "windows" {
		cases[file] = "is a regular file, not a socket"
	}
	for p, want := range cases {
		got, err := exec(t, s, out, "connect unix "+p)
		if err == nil || !strings.Contains(got, want) || strings.Contains(got, "listen tcp") {
			t.Errorf("connect unix %s: want a hint with %q; got %v, %q", p, want, err, got)
		}
	}
}

// TestShellUnixFlags: listen unix and connect unix refuse the options they
// do not take instead of ignoring them (listen unix PATH --tls made a
// listener that spoke clear text, --backlog was not applied), and open
// nothing; connect's --timeout still goes.
func TestShellUnixFlags(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	needUnix(t, filepath.Dir(path))
	s, out := testSession(t, false)
	for _, line := range []string{
		"listen unix " + path + " --tls", "listen unix " + path + " --backlog 3",
		"connect unix " + path + " --tls --insecure", "connect unix " + path + " --retry 1s --tries 2",
	} {
		got, err := exec(t, s, out, line)
		if err == nil || !strings.Contains(got, "does not go with unix PATH") {
			t.Errorf("%s: want it refused; got %v, %q", line, err, got)
		}
	}
	if n := len(s.table.List()); n != 0 {
		t.Fatalf("refused commands left %d sockets", n)
	}
	mustExec(t, s, out, "listen unix "+path)
	mustExec(t, s, out, "connect unix "+path+" --timeout 2s")
}

// TestShellUnixListenerOptions: listen unix's socket has the options a
// UNIX listener made by Python (or C) has: Go sets SO_REUSEADDR on every
// listener, and option showed "reuseaddr on" where Python shows 0.
func TestShellUnixListenerOptions(t *testing.T) {
	python, err := osexec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	needUnix(t, dir)
	const prog = `import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen()
print("on" if s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) else "off")`
	py, err := osexec.Command(python, "-c", prog, filepath.Join(dir, "py.sock")).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen unix "+filepath.Join(dir, "s"))
	got := mustExec(t, s, out, "option 1 reuseaddr")
	if want := "reuseaddr " + strings.TrimSpace(string(py)); !strings.Contains(got, want) {
		t.Fatalf("option 1 reuseaddr on listen unix: %q, Python's listener: %q", got, want)
	}
}

// TestShellUnixNoFIN: a UNIX socket's half-close is told without TCP's
// FIN (it has none: shutdown said "FIN sent", recv "the peer finished
// sending (FIN)"); the peer still reads end of stream.
func TestShellUnixNoFIN(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	needUnix(t, filepath.Dir(path))
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen unix "+path)
	mustExec(t, s, out, "connect unix "+path)
	mustExec(t, s, out, "accept")
	got := mustExec(t, s, out, "shutdown 2 write")
	got += mustExec(t, s, out, "recv 3 --timeout 5s")
	got += mustExec(t, s, out, "shutdown 3 both")
	if strings.Contains(got, "FIN sent") || strings.Contains(got, "(FIN)") || !strings.Contains(got, "end of stream") {
		t.Fatalf("half-close of a UNIX socket: %q", got)
	}
}

// TestShellUnixExplain: with explain on, listen unix and connect unix
// narrate their calls (they showed none) in a UNIX socket's terms, not
// TCP's (no port, no three-way handshake, no FIN, no TIME_WAIT).
func TestShellUnixExplain(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s")
	needUnix(t, filepath.Dir(path))
	s, out := testSession(t, false)
	mustExec(t, s, out, "explain on")
	got := mustExec(t, s, out, "listen unix "+path)
	got += mustExec(t, s, out, "connect unix "+path)
	got += mustExec(t, s, out, "accept")
	got += mustExec(t, s, out, "shutdown 2 write")
	got += mustExec(t, s, out, "recv 3 --timeout 5s")
	busy := filepath.Join(dir, "f")
	if err := os.WriteFile(busy, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if g, err := exec(t, s, out, "listen unix "+busy); err == nil {
		t.Fatalf("listen unix on a regular file: %q", g)
	} else {
		got += g
	}
	for _, want := range []string{"socket(AF_UNIX, SOCK_STREAM)", "bind(fd", "listen(fd", "connect(fd", "a file is already at this path"} {
		if !strings.Contains(got, want) {
			t.Errorf("explain on: no %q in\n%s", want, got)
		}
	}
	for _, wrong := range []string{"port", "handshake done", "FIN sent", "TIME_WAIT", "peer sent FIN"} {
		if strings.Contains(got, wrong) {
			t.Errorf("explain on: TCP's %q for a UNIX socket in\n%s", wrong, got)
		}
	}
}

// TestShellUnixSocketsState: sockets shows "-" as a UNIX socket's state,
// as for UDP: it has no TCP state, and "unknown" (in English whatever the
// language) said the kernel failed to tell one.
func TestShellUnixSocketsState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	needUnix(t, filepath.Dir(path))
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen unix "+path)
	mustExec(t, s, out, "connect unix "+path)
	got := mustExec(t, s, out, "sockets")
	if strings.Contains(got, "unknown") || len(regexp.MustCompile(`(?m)^\[\d\]\*? +unix +\S+ +\S+ +\S+ +- `).FindAllString(got, -1)) != 2 {
		t.Fatalf("sockets with two UNIX sockets:\n%s", got)
	}
}

// TestShellUnixUnnamed: a UNIX client's socket, which has no name, is
// shown as unnamed; it was shown "@" (Go's text), which is how an abstract
// socket's name is written (ss shows "*", Python's getpeername "").
func TestShellUnixUnnamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	needUnix(t, filepath.Dir(path))
	s, out := testSession(t, false)
	mustExec(t, s, out, "explain on")
	mustExec(t, s, out, "listen unix "+path)
	got := mustExec(t, s, out, "connect unix "+path)
	got += mustExec(t, s, out, "accept")
	got += mustExec(t, s, out, "sockets")
	if strings.Contains(got, "@") || strings.Count(got, "(unnamed)") != 4 {
		t.Fatalf("an unnamed UNIX socket (twice in events, twice in sockets):\n%s", got)
	}
}

// needUnix skips the test where UNIX domain sockets cannot be made in dir
// (Wine 8 has no AF_UNIX).
func needUnix(t *testing.T, dir string) {
	t.Helper()
	l, err := net.Listen("unix", filepath.Join(dir, "probe"))
	if err != nil {
		t.Skipf("no UNIX domain sockets here: %v", err)
	}
	l.Close()
}
