package main

import (
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socklab/socklab/tlsx/tlsxtest"
)

func need(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s is not installed", tool)
	}
	return p
}

// freePort is a TCP port on 127.0.0.1 free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	return closedPort(t, "tcp")
}

// TestTLSClientAgainstNcat: socklab nc --ssl talks to ncat --ssl; with
// --ssl-verify it passes with the test CA and fails without it.
func TestTLSClientAgainstNcat(t *testing.T) {
	ncat := need(t, "ncat")
	ca, cert, key := tlsxtest.PKI(t)
	for _, tc := range []struct {
		name  string
		flags []string
		ok    bool
	}{
		{"noverify", []string{"--ssl"}, true},
		{"verify-ca", []string{"-v", "--ssl-verify", "--ssl-trustfile", ca, "--ssl-servername", "localhost"}, true},
		{"verify-system", []string{"--ssl-verify"}, false},
		{"verify-wrongname", []string{"--ssl-verify", "--ssl-trustfile", ca, "--ssl-servername", "other.test"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			port := freePort(t)
			var srvOut lockedBuf
			srv := exec.Command(ncat, "-l", "--ssl", "--ssl-cert", cert, "--ssl-key", key, "127.0.0.1", port)
			srv.Stdin = strings.NewReader("from-ncat\n")
			srv.Stdout = &srvOut
			sdone := startNc(t, srv)
			waitListeningQuiet(t, port)
			out, errs, st := ncRun(t, false, "from-socklab\n", append(tc.flags, "-N", "127.0.0.1", port)...)
			if !tc.ok {
				if st != 1 || !strings.Contains(errs, "certificate") {
					t.Fatalf("status %d, stderr %q; want 1 and a certificate error", st, errs)
				}
				return
			}
			if st != 0 || out != "from-ncat\n" {
				t.Fatalf("status %d, stdout %q, stderr %q", st, out, errs)
			}
			if slices.Contains(tc.flags, "-v") && !strings.Contains(errs, "socklab nc: TLS 1.3, TLS_") {
				t.Errorf("-v: no \"socklab nc: TLS 1.3, TLS_...\" line in %q", errs)
			}
			exitOf(t, srv, sdone)
			if got := srvOut.String(); got != "from-socklab\n" {
				t.Fatalf("ncat got %q", got)
			}
		})
	}
}

// waitListeningQuiet waits until the port is bound, without connecting
// (ncat -l would take the probe as its one client).
func waitListeningQuiet(t *testing.T, port string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ln, err := net.Listen("tcp", "127.0.0.1:"+port)
		if err != nil {
			return // taken: the server is listening
		}
		ln.Close()
		time.Sleep(20 * time.Millisecond) // polling for a listener another process opens
	}
	t.Fatalf("nothing listens on port %s", port)
}

// TestTLSServerAgainstOpenSSL: openssl s_client, verifying against the test
// CA, talks to socklab nc -l --ssl both ways; without the CA it refuses.
func TestTLSServerAgainstOpenSSL(t *testing.T) {
	openssl := need(t, "openssl")
	ca, cert, key := tlsxtest.PKI(t)
	for _, verify := range []bool{true, false} {
		port := freePort(t)
		cmd := ncCommand(t, false, "-l", "-N", "--ssl", "--ssl-cert", cert, "--ssl-key", key, "127.0.0.1", port)
		// socklab's input ends (and -N sends close_notify) only once
		// openssl's line has arrived: s_client exits on close_notify, and
		// one that came first left openssl's line unsent.
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		out := &awaitWriter{want: "from-openssl\n", seen: make(chan struct{})}
		cmd.Stdout = out
		done := startNc(t, cmd)
		if _, err := io.WriteString(in, "from-socklab\n"); err != nil {
			t.Fatal(err)
		}
		quit := make(chan struct{})
		t.Cleanup(func() { close(quit) })
		go func() {
			select {
			case <-out.seen:
			case <-quit:
			}
			in.Close()
		}()
		waitListeningQuiet(t, port)
		args := []string{"s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-verify_return_error", "-quiet"}
		if verify {
			args = append(args, "-CAfile", ca)
		}
		cli := exec.Command(openssl, args...)
		cli.Stdin = strings.NewReader("from-openssl\n")
		var cout, cerr lockedBuf
		cli.Stdout, cli.Stderr = &cout, &cerr
		cdone := startNc(t, cli)
		cst := exitOf(t, cli, cdone)
		if !verify {
			if cst == 0 || !strings.Contains(cerr.String(), "verify") {
				t.Fatalf("s_client without the CA: status %d, stderr %q", cst, cerr.String())
			}
			continue
		}
		if cst != 0 || cout.String() != "from-socklab\n" {
			t.Fatalf("s_client: status %d, stdout %q, stderr %q", cst, cout.String(), cerr.String())
		}
		if st := exitOf(t, cmd, done); st != 0 || out.String() != "from-openssl\n" {
			t.Fatalf("socklab: status %d, stdout %q", st, out.String())
		}
	}
}

// TestTLSServerSelfSignedCurl: curl -k gets an HTTPS reply from socklab
// nc -l --ssl with the session's self-signed certificate.
func TestTLSServerSelfSignedCurl(t *testing.T) {
	curl := need(t, "curl")
	port := freePort(t)
	cmd := ncCommand(t, false, "-l", "-q", "0", "--ssl", "127.0.0.1", port)
	cmd.Stdin = strings.NewReader("HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhello\n")
	var errs lockedBuf
	cmd.Stderr = &errs
	done := startNc(t, cmd)
	waitListeningQuiet(t, port)
	cli := exec.Command(curl, "-sk", "--max-time", "10", "https://127.0.0.1:"+port+"/")
	out, err := cli.Output()
	if err != nil || string(out) != "hello\n" {
		t.Fatalf("curl: %v, %q", err, out)
	}
	exitOf(t, cmd, done)
	if !strings.Contains(errs.String(), "SHA-256") {
		t.Fatalf("no fingerprint shown: %q", errs.String())
	}
}

// TestUnixSockets: socklab nc -lU against nc -U and nc -lU against socklab
// nc -U; the listener removes its socket file.
func TestUnixSockets(t *testing.T) {
	need(t, "nc")
	for _, socklabListens := range []bool{true, false} {
		path := filepath.Join(t.TempDir(), "s")
		srv := ncCommand(t, !socklabListens, "-lU", path)
		srv.Stdin = strings.NewReader("")
		var out lockedBuf
		srv.Stdout = &out
		done := startNc(t, srv)
		deadline := time.Now().Add(10 * time.Second)
		for {
			if _, err := os.Stat(path); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("no socket file")
			}
			time.Sleep(20 * time.Millisecond) // polling for a file another process makes
		}
		_, errs, st := ncRun(t, socklabListens, "over-unix\n", "-N", "-U", path)
		if st != 0 {
			t.Fatalf("client status %d, %q", st, errs)
		}
		exitOf(t, srv, done)
		if out.String() != "over-unix\n" {
			t.Fatalf("listener got %q", out.String())
		}
		if _, err := os.Stat(path); socklabListens && err == nil {
			t.Fatal("socklab's listener left its socket file")
		}
	}
}

// awaitWriter keeps what is written and closes seen once it holds want.
type awaitWriter struct {
	lockedBuf
	want string
	seen chan struct{}
	once sync.Once
}

func (w *awaitWriter) Write(p []byte) (int, error) {
	n, err := w.lockedBuf.Write(p)
	if strings.Contains(w.lockedBuf.String(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return n, err
}
