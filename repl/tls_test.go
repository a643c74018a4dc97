package repl

import (
	"crypto/tls"
	"net"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/tlsx/tlsxtest"
)

// sslServer runs openssl s_server with the test certificate on a free
// port; it returns the port once s_server accepts.
func sslServer(t *testing.T, cert, key string) string {
	t.Helper()
	openssl, err := osexec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	cmd := osexec.Command(openssl, "s_server", "-quiet", "-accept", "127.0.0.1:"+port, "-cert", cert, "-key", key)
	pr, pw, _ := os.Pipe()
	cmd.Stdin = pr // kept open: s_server stays up
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); pw.Close(); pr.Close() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		if l, err := net.Listen("tcp", "127.0.0.1:"+port); err != nil {
			break // s_server holds it
		} else {
			l.Close()
		}
		if time.Now().After(deadline) {
			t.Fatal("s_server did not listen")
		}
		time.Sleep(20 * time.Millisecond) // polling for another process's listener
	}
	return port
}

// TestShellTLSConnect: connect --tls against openssl s_server verifies with
// the test CA, fails (saying why) without it, and --insecure with explain on
// narrates the handshake and what a check would have said.
func TestShellTLSConnect(t *testing.T) {
	ca, cert, key := tlsxtest.PKI(t)
	s, out := testSession(t, false)
	port := sslServer(t, cert, key)
	addr := "127.0.0.1:" + port
	got := mustExec(t, s, out, "connect "+addr+" --tls --ca "+ca+" --servername localhost")
	if !strings.Contains(got, "TLS over this TCP connection: TLS 1.3") {
		t.Fatalf("connect --tls printed %q", got)
	}
	mustExec(t, s, out, "close")
	port = sslServer(t, cert, key)
	got, err := exec(t, s, out, "connect 127.0.0.1:"+port+" --tls")
	if err == nil || !strings.Contains(got, "authority") {
		t.Fatalf("connect --tls without the CA: %v, %q", err, got)
	}
	port = sslServer(t, cert, key)
	mustExec(t, s, out, "explain on")
	got = mustExec(t, s, out, "connect 127.0.0.1:"+port+" --tls --insecure")
	for _, want := range []string{"peer certificate: CN=localhost, issued by CN=socklab test CA", "a check would have failed", "TLS runs on top of the TCP connection"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	if _, err := exec(t, s, out, "connect "+addr+" --insecure"); err == nil {
		t.Error("--insecure without --tls: no error")
	}
}

// TestShellTLSListenCurl: curl -k fetches a page over HTTPS from listen
// --tls with the session's self-signed certificate.
func TestShellTLSListenCurl(t *testing.T) {
	curl, err := osexec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	s, out := testSession(t, false)
	got := mustExec(t, s, out, "listen 127.0.0.1:0 --tls")
	if !strings.Contains(got, "SHA-256 fingerprint") {
		t.Fatalf("listen --tls printed %q", got)
	}
	addr := regexp.MustCompile(`127\.0\.0\.1:\d+`).FindString(got)
	cmd := osexec.Command(curl, "-sk", "--max-time", "10", "https://"+addr+"/")
	res := make(chan string, 1)
	go func() { b, _ := cmd.Output(); res <- string(b) }()
	mustExec(t, s, out, "accept --timeout 10s")
	mustExec(t, s, out, `recv --until "\r\n\r\n" --timeout 10s`)
	mustExec(t, s, out, `send "HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhello\n"; close`)
	select {
	case body := <-res:
		if body != "hello\n" {
			t.Fatalf("curl got %q", body)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("curl did not finish")
	}
}

// TestShellTLSBadCADialsNothing: connect --tls --ca with a file that holds
// no certificate fails before it connects: the server sees no connection
// and the table stays empty.
func TestShellTLSBadCADialsNothing(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	bad := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(bad, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, out := testSession(t, false)
	got, err := exec(t, s, out, "connect "+ln.Addr().String()+" --tls --ca "+bad)
	if err == nil || !strings.Contains(got+err.Error(), "ca.pem") {
		t.Fatalf("connect with a bad CA file: %v, %q", err, got)
	}
	// The command has returned: a connection it made would be in the backlog now.
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(100 * time.Millisecond))
	if c, err := ln.Accept(); err == nil {
		c.Close()
		t.Fatal("the server got a connection from a connect whose CA file was bad")
	}
}

// TestShellTLSHandshakeFails: a handshake that cannot complete (a plain TCP
// server that never answers, one that answers in plain text, a client that
// sends plain text to listen --tls) fails with the reason in the catalog's
// words, not Go's ("context deadline exceeded", "first record does not look
// like a TLS handshake"), and closes the connection it ran on: a failed
// handshake leaves nothing in the table that recv could only call closed.
func TestShellTLSHandshakeFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for i := 0; ; i++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			if i == 1 { // the second: a plain-text server
				c.Write([]byte("220 plain text here\r\n"))
			}
		}
	}()
	s, out := testSession(t, false)
	failed := func(line, want string) {
		t.Helper()
		got, err := exec(t, s, out, line)
		if err == nil {
			t.Fatalf("%s: no error\n%s", line, got)
		}
		msg := s.formatError(err)
		if !strings.Contains(msg, want) || !strings.Contains(got, "closed: the TLS handshake did not complete") {
			t.Errorf("%s: want %q and the socket closed; got %q then %q", line, want, got, msg)
		}
	}
	failed("connect "+ln.Addr().String()+" --tls --insecure --timeout 300ms", "timed out after 300ms")
	failed("connect "+ln.Addr().String()+" --tls --insecure --timeout 5s", `does not speak TLS: its first bytes were "220 p"`)
	got := mustExec(t, s, out, "listen 127.0.0.1:0 --tls")
	addr := regexp.MustCompile(`127\.0\.0\.1:\d+`).FindString(got)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET / HTTP/1.0\r\n\r\n"))
	failed("accept --timeout 5s", `does not speak TLS: its first bytes were "GET /"`)
	if n := len(s.table.List()); n != 1 {
		t.Errorf("after three failed handshakes the table holds %d sockets, want only the listener", n)
	}
}

// TestShellTLSOwnListener: connect --tls to this shell's own listen --tls
// waited forever (until Ctrl-C): the server's side of the handshake runs at
// accept, which the shell cannot run while connect waits. It now fails at
// once, naming the listener, and dials nothing.
func TestShellTLSOwnListener(t *testing.T) {
	s, out := testSession(t, false)
	got := mustExec(t, s, out, "listen 127.0.0.1:0 --tls")
	addr := regexp.MustCompile(`127\.0\.0\.1:\d+`).FindString(got)
	got, err := exec(t, s, out, "connect "+addr+" --tls --insecure --timeout 3s")
	if err == nil || !strings.Contains(got, "the server is [1], this shell's own TLS listener") {
		t.Fatalf("connect --tls to the shell's own listener: %v, %q", err, got)
	}
	if n := len(s.table.List()); n != 1 {
		t.Errorf("the table holds %d sockets, want only the listener", n)
	}
}

// TestShellTLSClientLeaves: a client that refuses listen --tls's
// self-signed certificate (Go's, as curl without -k) and one that closes
// before any handshake get a hint that the client ended it, and EOF is
// said in words.
func TestShellTLSClientLeaves(t *testing.T) {
	s, out := testSession(t, false)
	got := mustExec(t, s, out, "listen 127.0.0.1:0 --tls")
	addr := regexp.MustCompile(`127\.0\.0\.1:\d+`).FindString(got)
	done := make(chan error, 1)
	go func() {
		c, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, &tls.Config{ServerName: "localhost"})
		if err == nil {
			c.Close()
		}
		done <- err
	}()
	got, err := exec(t, s, out, "accept --timeout 5s")
	if err == nil || !strings.Contains(got, "hint: the client ended the handshake") {
		t.Errorf("a client that does not trust the certificate: %v, %q", err, got)
	}
	if err := <-done; err == nil {
		t.Fatal("the client trusted a self-signed certificate")
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	got, err = exec(t, s, out, "accept --timeout 5s")
	if err == nil || !strings.Contains(got, "the peer closed the connection during the handshake") || !strings.Contains(got, "hint: the client ended") {
		t.Errorf("a client that closed at once: %v, %q", err, got)
	}
}
