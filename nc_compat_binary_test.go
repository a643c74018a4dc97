package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// Side by side with netcat-openbsd 1.219: each case runs socklab nc and,
// where installed, the real nc, and asserts the same observable result.

// both runs f for socklab nc and for the real nc.
func both(t *testing.T, f func(t *testing.T, real bool)) {
	for _, real := range []bool{false, true} {
		name := map[bool]string{false: "socklab", true: "nc"}[real]
		t.Run(name, func(t *testing.T) { f(t, real) })
	}
}

// ncRun runs nc with stdin and returns stdout, stderr and the exit status,
// bounded to 10 s.
func ncRun(t *testing.T, real bool, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := ncCommand(t, real, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	errb := &lockedBuf{}
	cmd.Stdout, cmd.Stderr = &out, errb
	done := startNc(t, cmd)
	st := exitOf(t, cmd, done)
	return out.String(), errb.String(), st
}

// oneShot listens on 127.0.0.1 and runs serve on its first client.
func oneShot(t *testing.T, serve func(c *net.TCPConn)) (host, port string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		ln.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second))
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(10 * time.Second))
		serve(c.(*net.TCPConn))
	}()
	host, port, _ = net.SplitHostPort(ln.Addr().String())
	return host, port
}

// closedPort is a TCP and UDP port on 127.0.0.1 nobody listens on.
func closedPort(t *testing.T, network string) string {
	t.Helper()
	var addr string
	if network == "udp" {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr = pc.LocalAddr().String()
		pc.Close()
	} else {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr = ln.Addr().String()
		ln.Close()
	}
	_, port, _ := net.SplitHostPort(addr)
	return port
}

// TestNcQuitGetsWholeReply: `printf 'cmd\n' | nc -q N HOST PORT` receives
// all of a reply that takes longer than N seconds (six lines 300 ms apart).
func TestNcQuitGetsWholeReply(t *testing.T) {
	for _, q := range []string{"0", "1"} {
		t.Run("q"+q, func(t *testing.T) {
			both(t, func(t *testing.T, real bool) {
				var want strings.Builder
				for i := range 6 {
					fmt.Fprintf(&want, "line%d\n", i)
				}
				host, port := oneShot(t, func(c *net.TCPConn) {
					if got, _ := io.ReadAll(c); string(got) != "cmd\n" { // to the FIN
						return
					}
					for i := range 6 {
						fmt.Fprintf(c, "line%d\n", i)
						time.Sleep(300 * time.Millisecond) // a slow server is the case under test
					}
				})
				out, errs, st := ncRun(t, real, "cmd\n", "-q", q, host, port)
				if out != want.String() || st != 0 {
					t.Fatalf("stdout %q, stderr %q, status %d; want the 6 lines and 0", out, errs, st)
				}
			})
		})
	}
}

// TestNcCRLFKeepsCRLF: -C turns a bare LF into CRLF and leaves CRLF alone.
func TestNcCRLFKeepsCRLF(t *testing.T) {
	both(t, func(t *testing.T, real bool) {
		got := make(chan string, 1)
		host, port := oneShot(t, func(c *net.TCPConn) {
			b, _ := io.ReadAll(c)
			got <- string(b)
		})
		if _, errs, st := ncRun(t, real, "a\r\nb\n", "-C", "-N", host, port); st != 0 {
			t.Fatalf("status %d, stderr %q", st, errs)
		}
		select {
		case g := <-got:
			if g != "a\r\nb\r\n" {
				t.Fatalf("server got %q, want %q", g, "a\r\nb\r\n")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("server got nothing")
		}
	})
}

// TestNcRefusals: what nc refuses, socklab refuses (its status 2 is its
// usage status; nc's is 1), and what nc accepts socklab accepts.
func TestNcRefusals(t *testing.T) {
	for _, args := range [][]string{
		{"127.0.0.1", "0"},
		{"-l", "-p", closedPort(t, "tcp"), "127.0.0.5"},
		{"-l", "-s", "127.0.0.1", closedPort(t, "tcp")},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			both(t, func(t *testing.T, real bool) {
				_, errs, st := ncRun(t, real, "", args...)
				if st == 0 || errs == "" {
					t.Fatalf("status %d, stderr %q: want a refusal", st, errs)
				}
			})
		})
	}
	// -w 0 is accepted: the connection is tried (and refused).
	port := closedPort(t, "tcp")
	both(t, func(t *testing.T, real bool) {
		_, errs, st := ncRun(t, real, "", "-w", "0", "127.0.0.1", port)
		if st != 1 { // nc says nothing; socklab says refused
			t.Fatalf("-w 0: status %d, stderr %q; want 1, not a usage error", st, errs)
		}
	})
}

// TestNcUDPClosedPort: nc exits 0 without a word, 1 with -v (still silent).
func TestNcUDPClosedPort(t *testing.T) {
	if c, err := net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
		t.Skipf("UDP sockets cannot be opened here (%v): Wine 8 lacks SIO_UDP_NETRESET", err)
	} else {
		c.Close()
	}
	port := closedPort(t, "udp")
	for _, v := range []bool{false, true} {
		t.Run(fmt.Sprint("v=", v), func(t *testing.T) {
			both(t, func(t *testing.T, real bool) {
				args := []string{"-u", "127.0.0.1", port}
				want := 0
				if v {
					args, want = append([]string{"-v"}, args...), 1
				}
				cmd := ncCommand(t, real, args...)
				in, _ := cmd.StdinPipe()
				errb := &lockedBuf{}
				cmd.Stderr = errb
				done := startNc(t, cmd)
				defer in.Close()
				// The first datagram draws the ICMP; a later one, or the
				// read, gets ECONNREFUSED.
				for i := 0; i < 50; i++ {
					in.Write([]byte("x\n")) // fails once nc has exited
					select {
					case err := <-done:
						done2 := make(chan error, 1)
						done2 <- err
						if st := exitOf(t, cmd, done2); st != want || errb.String() != "" {
							t.Fatalf("status %d, stderr %q; want %d and nothing", st, errb, want)
						}
						return
					case <-time.After(100 * time.Millisecond):
					}
				}
				t.Fatal("nc did not exit on the refused port")
			})
		})
	}
}

// TestNcVerboseWording: -v lines word for word, names from the hosts file.
func TestNcVerboseWording(t *testing.T) {
	for _, host := range []string{"127.0.0.1", "localhost"} {
		t.Run(host, func(t *testing.T) {
			both(t, func(t *testing.T, real bool) {
				_, port := oneShot(t, func(c *net.TCPConn) {})
				_, errs, st := ncRun(t, real, "", "-v", "-4", host, port)
				want := fmt.Sprintf("Connection to %s %s port [tcp/*] succeeded!\n", host, port)
				if host == "localhost" {
					want = fmt.Sprintf("Connection to localhost (127.0.0.1) %s port [tcp/*] succeeded!\n", port)
				}
				if st != 0 || errs != want {
					t.Fatalf("status %d, stderr %q; want %q", st, errs, want)
				}
			})
		})
	}
}

// TestNcSourceAccepted: -n -s localhost and -s '[::1]' with a [::1] host are
// accepted (nc takes the first; socklab also takes brackets, which nc's
// getaddrinfo(3) does not).
func TestNcSourceAccepted(t *testing.T) {
	both(t, func(t *testing.T, real bool) {
		host, port := oneShot(t, func(c *net.TCPConn) { c.Write([]byte("ok")) })
		out, errs, st := ncRun(t, real, "", "-n", "-s", "localhost", "-4", host, port)
		if st != 0 || out != "ok" {
			t.Fatalf("status %d, stdout %q, stderr %q", st, out, errs)
		}
	})
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback")
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			c.Write([]byte("ok6"))
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	out, errs, st := ncRun(t, false, "", "-s", "[::1]", "[::1]", port)
	if st != 0 || out != "ok6" {
		t.Fatalf("status %d, stdout %q, stderr %q", st, out, errs)
	}
}

// TestNcNcatFlagsNamed: -i, -x and -m are refused naming both nc's and
// ncat's meaning.
func TestNcNcatFlagsNamed(t *testing.T) {
	for _, f := range []string{"-i", "-x", "-m"} {
		_, errs, st := ncRun(t, false, "", f, "1", "127.0.0.1", "1")
		if st != 2 || !strings.Contains(errs, "netcat-openbsd's "+f) || !strings.Contains(errs, "ncat's "+f) {
			t.Fatalf("%s: status %d, stderr %q", f, st, errs)
		}
	}
}
