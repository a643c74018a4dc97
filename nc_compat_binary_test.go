package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/internal/testnet"
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
	testnet.NeedUDP(t)
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

// inNetns runs script under sh in a new user and network namespace of its
// own (loopback up), where binding every interface reaches nothing else;
// w PORT waits (polling, at most 10 s) until something listens on PORT.
func inNetns(t *testing.T, script string) (string, error) {
	t.Helper()
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Skip("unshare is not installed")
	}
	if err := exec.Command("unshare", "-rn", "true").Run(); err != nil {
		t.Skipf("no user+network namespaces here: %v", err)
	}
	wait := `w() { for i in $(seq 200); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.05; done; return 1; }; `
	cmd := exec.Command("timeout", "-k", "5", "30", "unshare", "-rn", "sh", "-c", wait+"ip link set lo up && "+script)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestNcListenFamilies: -l PORT listens on 0.0.0.0 (an IPv6 client is
// refused) and -6 -l PORT on :: accepting IPv4 clients too, as nc does.
func TestNcListenFamilies(t *testing.T) {
	both(t, func(t *testing.T, real bool) {
		nc := "nc"
		if !real {
			nc = socklabBin(t) + " nc"
		}
		out, err := inNetns(t, nc+` -l 7001 >/tmp/$$.a & w 7001
nc -N ::1 7001 </dev/null 2>/dev/null && echo v6-connected
printf v4 | nc -N 127.0.0.1 7001; wait
`+nc+` -6 -l 7002 >/tmp/$$.b & w 7002
printf mapped | nc -N 127.0.0.1 7002; wait
cat /tmp/$$.a; echo; cat /tmp/$$.b; rm -f /tmp/$$.a /tmp/$$.b`)
		if err != nil || strings.Contains(out, "v6-connected") || !strings.Contains(out, "v4\nmapped") {
			t.Fatalf("%v:\n%s", err, out)
		}
	})
}

// TestNcKeepQuitZeroKeepsData: -lk -q 0 </dev/null gives each client a FIN
// and keeps all it sends (netcat-openbsd stops after the first client and
// drops the rest of its data: a difference on purpose).
func TestNcKeepQuitZeroKeepsData(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	cmd := ncCommand(t, false, "-lk", "-q", "0", "127.0.0.1", port)
	out := &lockedBuf{}
	cmd.Stdout = out
	done := startNc(t, cmd)
	var want strings.Builder
	for i := range 3 {
		var c net.Conn
		deadline := time.Now().Add(10 * time.Second)
		for {
			if c, err = net.Dial("tcp", "127.0.0.1:"+port); err == nil || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond) // polling for the listener (and for -k's next accept)
		}
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		if b, _ := io.ReadAll(io.LimitReader(c, 1)); len(b) != 0 { // the FIN comes first
			t.Fatalf("client %d read %q", i, b)
		}
		for _, part := range []string{"a", "b"} {
			line := fmt.Sprintf("client%d-%s\n", i, part)
			want.WriteString(line)
			c.Write([]byte(line))
			time.Sleep(100 * time.Millisecond) // data that comes after the FIN is the case
		}
		c.Close()
	}
	deadline := time.Now().Add(10 * time.Second)
	for out.String() != want.String() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond) // polling socklab's stdout
	}
	cmd.Process.Kill()
	<-done
	if out.String() != want.String() {
		t.Fatalf("stdout %q, want %q", out.String(), want.String())
	}
}

// TestNcUDPKeepRepliesToLatest: -luk sends stdin to the latest sender
// (netcat-openbsd 1.219 sends it nowhere: a difference on purpose).
func TestNcUDPKeepRepliesToLatest(t *testing.T) {
	testnet.NeedUDP(t)
	port := closedPort(t, "udp")
	cmd := ncCommand(t, false, "-luk", "127.0.0.1", port)
	in, _ := cmd.StdinPipe()
	out := &lockedBuf{}
	cmd.Stdout = out
	done := startNc(t, cmd)
	defer func() { in.Close(); cmd.Process.Kill(); <-done }()
	dial := func() *net.UDPConn {
		c, err := net.Dial("udp", "127.0.0.1:"+port)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c.(*net.UDPConn)
	}
	a, b := dial(), dial()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "from-a") && time.Now().Before(deadline) {
		a.Write([]byte("from-a\n")) // until socklab is up
		time.Sleep(50 * time.Millisecond)
	}
	for !strings.Contains(out.String(), "from-b") && time.Now().Before(deadline) {
		b.Write([]byte("from-b\n"))
		time.Sleep(50 * time.Millisecond)
	}
	in.Write([]byte("reply\n"))
	b.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 64)
	n, err := b.Read(buf)
	if err != nil || string(buf[:n]) != "reply\n" {
		t.Fatalf("the latest sender got %q, %v", buf[:n], err)
	}
}
