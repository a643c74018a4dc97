package netcat

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/internal/testnet"
)

func TestClientRoundTrip(t *testing.T) {
	ln, port := server(t)
	r := start(t, strings.NewReader("ping\n"), "-N", "127.0.0.1", port)
	c := accept(t, ln)
	if got := readAll(t, c); got != "ping\n" {
		t.Fatalf("server got %q", got)
	}
	c.Write([]byte("pong\n"))
	c.Close()
	if s := r.status(t); s != 0 {
		t.Fatalf("status %d, stderr %q", s, r.stderr)
	}
	if got := r.stdout.String(); got != "pong\n" {
		t.Fatalf("stdout %q", got)
	}
}

// TestStdinEOFSendsNoFIN: without -N or -q, stdin's EOF is not passed on,
// and the reply that comes later is still received.
func TestStdinEOFSendsNoFIN(t *testing.T) {
	ln, port := server(t)
	r := start(t, strings.NewReader("x"), "127.0.0.1", port)
	c := accept(t, ln)
	buf := make([]byte, 10)
	if n, err := io.ReadFull(c, buf[:1]); err != nil || string(buf[:n]) != "x" {
		t.Fatalf("read %q %v", buf[:n], err)
	}
	c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if _, err := c.Read(buf); !isTimeout(err) {
		t.Fatalf("want no FIN (a timeout), got %v", err)
	}
	c.Write([]byte("late"))
	c.Close()
	if s := r.status(t); s != 0 || r.stdout.String() != "late" {
		t.Fatalf("status %d stdout %q", s, r.stdout)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// TestQuitKeepsReceiving: -q 0 and -q 1 send FIN at stdin's end and keep
// receiving until the peer closes, as netcat-openbsd 1.219 does (the
// common `printf 'cmd\n' | nc -q 1 HOST PORT` gets the whole reply).
func TestQuitKeepsReceiving(t *testing.T) {
	for _, q := range []string{"0", "1"} {
		t.Run("q"+q, func(t *testing.T) {
			ln, port := server(t)
			r := start(t, strings.NewReader("cmd\n"), "-q", q, "127.0.0.1", port)
			c := accept(t, ln)
			if got := readAll(t, c); got != "cmd\n" { // reads to the FIN
				t.Fatalf("server got %q", got)
			}
			for i := range 3 {
				line := fmt.Sprintf("line%d\n", i)
				c.Write([]byte(line))
				r.stdout.waitFor(t, line) // still receiving after -q's delay
				if i == 1 {
					time.Sleep(1100 * time.Millisecond) // past -q 1 (the case under test, not synchronisation)
				}
			}
			c.Close()
			if s := r.status(t); s != 0 || r.stdout.String() != "line0\nline1\nline2\n" {
				t.Fatalf("status %d, stdout %q", s, r.stdout)
			}
		})
	}
}

// TestQuitUDP: over UDP (no FIN), -q quits its seconds after stdin's end.
func TestQuitUDP(t *testing.T) {
	testnet.NeedUDP(t)
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	_, port, _ := net.SplitHostPort(pc.LocalAddr().String())
	t0 := time.Now()
	r := start(t, strings.NewReader("a"), "-u", "-q", "300ms", "127.0.0.1", port)
	if s := r.status(t); s != 0 {
		t.Fatalf("status %d", s)
	}
	if d := time.Since(t0); d < 300*time.Millisecond {
		t.Fatalf("quit after %v, before -q", d)
	}
}

// TestPeerCloseClient: when the peer half-closes, the client keeps sending
// stdin until its EOF, then exits 0.
func TestPeerCloseClient(t *testing.T) {
	ln, port := server(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	r := start(t, pr, "127.0.0.1", port)
	c := accept(t, ln)
	c.Write([]byte("hi"))
	c.CloseWrite()
	r.stdout.waitFor(t, "hi")
	pw.Write([]byte("still here"))
	pw.Close()
	if got := readAll(t, c); got != "still here" {
		t.Fatalf("server got %q", got)
	}
	if s := r.status(t); s != 0 {
		t.Fatalf("status %d", s)
	}
}

// TestPeerCloseListener: a listener exits as soon as its client closes,
// while stdin is still open, as netcat-openbsd does.
func TestPeerCloseListener(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	r := start(t, pr, "-lv", "127.0.0.1", "0")
	c := dialT(t, "tcp", r.addr(t))
	c.Write([]byte("request"))
	c.(*net.TCPConn).CloseWrite()
	if s := r.status(t); s != 0 || r.stdout.String() != "request" {
		t.Fatalf("status %d stdout %q", s, r.stdout)
	}
	if got := readAll(t, c); got != "" {
		t.Fatalf("client got %q", got)
	}
}

func TestKeepServesClientsInTurn(t *testing.T) {
	r := start(t, nil, "-lvk", "-d", "127.0.0.1", "0")
	addr := r.addr(t)
	for _, msg := range []string{"one,", "two"} {
		c := dialT(t, "tcp", addr)
		c.Write([]byte(msg))
		c.(*net.TCPConn).CloseWrite()
		readAll(t, c) // the server closes when we do
	}
	r.stdout.waitFor(t, "one,two")
	if n := strings.Count(r.stderr.String(), "Connection received"); n != 2 {
		t.Fatalf("%d connections reported: %q", n, r.stderr)
	}
	r.cancel()
	if s := r.status(t); s != statusInterrupted {
		t.Fatalf("status %d", s)
	}
}

// TestKeepCarriesStdin: with -k, stdin not yet sent goes to the next client.
func TestKeepCarriesStdin(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	r := start(t, pr, "-lvk", "127.0.0.1", "0")
	addr := r.addr(t)
	c1 := dialT(t, "tcp", addr)
	pw.Write([]byte("first"))
	buf := make([]byte, 5)
	if _, err := io.ReadFull(c1, buf); err != nil || string(buf) != "first" {
		t.Fatalf("client 1 got %q %v", buf, err)
	}
	c1.(*net.TCPConn).CloseWrite()
	readAll(t, c1) // EOF: the server is done with client 1
	c2 := dialT(t, "tcp", addr)
	pw.Write([]byte("second"))
	pw.Close()
	buf = make([]byte, 6)
	if _, err := io.ReadFull(c2, buf); err != nil || string(buf) != "second" {
		t.Fatalf("client 2 got %q %v", buf, err)
	}
}

func TestShutdownN(t *testing.T) {
	ln, port := server(t)
	r := start(t, nil, "-d", "-N", "127.0.0.1", port)
	c := accept(t, ln)
	if got := readAll(t, c); got != "" {
		t.Fatalf("-d sent %q", got)
	}
	c.Close()
	if s := r.status(t); s != 0 {
		t.Fatalf("status %d", s)
	}
}

func TestCRLF(t *testing.T) {
	ln, port := server(t)
	start(t, strings.NewReader("a\nb\n\nc"), "-C", "-N", "127.0.0.1", port)
	c := accept(t, ln)
	if got := readAll(t, c); got != "a\r\nb\r\n\r\nc" {
		t.Fatalf("server got %q", got)
	}
}

func TestIdleTimeout(t *testing.T) {
	ln, port := server(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	t0 := time.Now()
	r := start(t, pr, "-w", "300ms", "127.0.0.1", port)
	accept(t, ln)
	if s := r.status(t); s != 0 {
		t.Fatalf("status %d", s)
	}
	if d := time.Since(t0); d < 300*time.Millisecond {
		t.Fatalf("idle exit after %v", d)
	}
}

func TestRefused(t *testing.T) {
	ln, port := server(t)
	ln.Close()
	r := start(t, nil, "127.0.0.1", port)
	if s := r.status(t); s != 1 {
		t.Fatalf("status %d", s)
	}
	if !strings.Contains(r.stderr.String(), "socklab nc: connect to 127.0.0.1 port "+port+" (tcp) failed: connection refused") {
		t.Fatalf("stderr %q", r.stderr)
	}
}

func TestScan(t *testing.T) {
	_, open := server(t)
	ln, closed := server(t)
	ln.Close()
	for _, tt := range []struct {
		ports []string
		want  int
	}{
		{[]string{open}, 0},
		{[]string{closed}, 1},
		{[]string{closed, open}, 0},
		{[]string{open + "-" + open}, 0},
		{[]string{closed + "-" + closed}, 1},
	} {
		r := start(t, nil, append([]string{"-zvn", "127.0.0.1"}, tt.ports...)...)
		if s := r.status(t); s != tt.want {
			t.Errorf("-z %v: status %d, want %d; %q", tt.ports, s, tt.want, r.stderr)
		}
		if tt.want == 0 && !strings.Contains(r.stderr.String(), "Connection to 127.0.0.1 "+open+" port [tcp/*] succeeded!") {
			t.Errorf("-z %v: stderr %q", tt.ports, r.stderr)
		}
	}
}

// TestScanInterrupted: Ctrl-C during -z exits 130, as every other mode.
func TestScanInterrupted(t *testing.T) {
	r := start(t, nil, "-zn", "127.0.0.1", "1-65535")
	r.cancel()
	if s := r.status(t); s != statusInterrupted {
		t.Fatalf("status %d, want %d; %q", s, statusInterrupted, r.stderr)
	}
}

// TestInterruptWithStdoutStuck: Ctrl-C or SIGTERM ends nc (status 130)
// also while whoever reads stdout has stopped reading, with the peer still
// sending: the write to stdout that never returns is not waited for.
func TestInterruptWithStdoutStuck(t *testing.T) {
	for _, args := range [][]string{{}, {"-w", "30"}} {
		t.Run(strings.Join(append([]string{"nc"}, args...), " "), func(t *testing.T) {
			ln, port := server(t)
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer pr.Close()
			defer pw.Close()
			r := startIO(t, nil, pw, append(args, "-d", "127.0.0.1", port)...)
			c := accept(t, ln)
			chunk := make([]byte, 64<<10)
			for { // until nc stops reading: its write to stdout is stuck
				c.SetWriteDeadline(time.Now().Add(300 * time.Millisecond))
				if _, err := c.Write(chunk); isTimeout(err) {
					break
				} else if err != nil {
					t.Fatal(err)
				}
			}
			r.cancel()
			if s := r.status(t); s != statusInterrupted {
				t.Fatalf("status %d, want %d; %q", s, statusInterrupted, r.stderr)
			}
		})
	}
}

// TestTinyIdleTimeout: a -w shorter than the idle check's period neither
// panics nor waits for ever.
func TestTinyIdleTimeout(t *testing.T) {
	r := start(t, nil, "-lv", "-d", "-w", "3ns", "127.0.0.1", "0")
	c := dialT(t, "tcp", r.addr(t)) // connects, never sends: the connection goes idle
	defer c.Close()
	if s := r.status(t); s != 0 && s != 1 {
		t.Fatalf("status %d; %q", s, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-e", "/bin/sh", "-l", "1"}, "socklab nc: -e is not supported (socklab runs no programs)\n"},
		{[]string{"-x", "proxy:1080", "h", "1"}, "socklab nc: -x is not supported"},
		{[]string{"-l"}, "usage: socklab nc"},
		{nil, "usage: socklab nc"},
	} {
		r := start(t, nil, tt.args...)
		if s := r.status(t); s != statusUsage {
			t.Errorf("%q: status %d", tt.args, s)
		}
		if !strings.Contains(r.stderr.String(), tt.msg) {
			t.Errorf("%q: stderr %q", tt.args, r.stderr)
		}
		if r.stdout.String() != "" {
			t.Errorf("%q: stdout %q", tt.args, r.stdout)
		}
	}
}

func TestHelpTellsEOFAndKeep(t *testing.T) {
	r := start(t, nil, "-h")
	if s := r.status(t); s != 0 {
		t.Fatalf("status %d", s)
	}
	for _, want := range []string{"one at a time", "stdin EOF", "peer closes", "-N"} {
		if !strings.Contains(r.stdout.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestUDPClient(t *testing.T) {
	testnet.NeedUDP(t)
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	pc.SetDeadline(time.Now().Add(wait))
	_, port, _ := net.SplitHostPort(pc.LocalAddr().String())
	r := start(t, strings.NewReader("ping"), "-u", "127.0.0.1", port)
	buf := make([]byte, 100)
	n, from, err := pc.ReadFrom(buf)
	if err != nil || string(buf[:n]) != "ping" {
		t.Fatalf("got %q %v", buf[:n], err)
	}
	pc.WriteTo([]byte("pong"), from)
	r.stdout.waitFor(t, "pong")
}

func TestUDPListener(t *testing.T) {
	testnet.NeedUDP(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	r := start(t, pr, "-ulv", "127.0.0.1", "0")
	c := dialT(t, "udp", r.addr(t))
	c.Write([]byte("hello"))
	r.stdout.waitFor(t, "hello")
	pw.Write([]byte("reply"))
	buf := make([]byte, 100)
	n, err := c.Read(buf)
	if err != nil || string(buf[:n]) != "reply" {
		t.Fatalf("got %q %v", buf[:n], err)
	}
	other := dialT(t, "udp", r.addr(t))
	other.Write([]byte("intruder"))
	c.Write([]byte("again"))
	r.stdout.waitFor(t, "again")
	if strings.Contains(r.stdout.String(), "intruder") {
		t.Fatalf("datagram from a second peer accepted: %q", r.stdout)
	}
}

// TestNoStdoutNoise: -v lines go to stderr only.
func TestVerboseOnStderr(t *testing.T) {
	ln, port := server(t)
	r := start(t, nil, "-v", "-d", "127.0.0.1", port)
	c := accept(t, ln)
	c.Write([]byte("data"))
	c.Close()
	r.status(t)
	if r.stdout.String() != "data" || !strings.Contains(r.stderr.String(), "succeeded") {
		t.Fatalf("stdout %q stderr %q", r.stdout, r.stderr)
	}
}

// tempFile returns an open temporary file.
func tempFile(t *testing.T) *os.File {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "nc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestVerboseServiceName: -v names the port from /etc/services, as nc does
// ("22 port [tcp/ssh]"); it said "[tcp/*]" for every port, and "ssh port
// [tcp/*]" for a port given by its name.
func TestVerboseServiceName(t *testing.T) {
	var ln net.Listener
	var port, name string
	readTable("/etc/services", func(f []string) {
		if len(f) < 2 || ln != nil {
			return
		}
		p, ok := strings.CutSuffix(f[1], "/tcp") // "ssh 22/tcp"
		if n, err := strconv.Atoi(p); !ok || err != nil || n < 1024 {
			return // a port anyone may listen on
		}
		if l, err := net.Listen("tcp4", "127.0.0.1:"+p); err == nil {
			ln, port, name = l, p, f[0]
		}
	})
	if ln == nil {
		t.Skip("no free port named in /etc/services")
	}
	defer ln.Close()
	r := start(t, nil, "-zv", "127.0.0.1", port)
	if s := r.status(t); s != 0 {
		t.Fatalf("status %d; %q", s, r.stderr)
	}
	want := "Connection to 127.0.0.1 " + port + " port [tcp/" + name + "] succeeded!\n"
	if got := r.stderr.String(); got != want {
		t.Fatalf("stderr %q, want %q", got, want)
	}
	accept(t, ln).Close()                            // the scan's
	r = start(t, nil, "-v", "-d", "127.0.0.1", name) // the port by its name: said by its number
	accept(t, ln).Close()
	if s := r.status(t); s != 0 || r.stderr.String() != want {
		t.Fatalf("status %d, stderr %q, want %q", s, r.stderr, want)
	}
}
