package luanet

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socklab/socklab/internal/testnet"
)

// Peers written the way the course's Python programs behave: one sendall,
// one recv(1024), no framing (as the course's task sheets define them).

// pyClient: connect, sendall(argv[2] as UTF-8, or hex with argv[3]=="hex"),
// one recv(1024), print its hex, close.
const pyClient = `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
data = bytes.fromhex(sys.argv[2]) if len(sys.argv) > 3 and sys.argv[3] == "hex" else sys.argv[2].encode()
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.connect((host, int(port)))
    s.sendall(data)
    r = s.recv(1024)
print(r.hex())
`

// pyFixedServer is server.py of the 8888 exercise on an ephemeral port
// (argv[1] = port, 0 for any): one client; per chunk the 22-byte reply.
const pyFixedServer = `
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen()
print("listening", s.getsockname()[1], flush=True)
c, a = s.accept()
while True:
    d = c.recv(1024)
    if not d:
        break
    print("got", d.hex(), flush=True)
    c.sendall(b"SERVER OK - STATUS 200")
c.close()
`

func TestEcho200Clients(t *testing.T) {
	t.Parallel()
	s := startScript(t, "echo.lua", nil, "127.0.0.1:0", "--quiet")
	addr := s.addr(t)
	clients(t, addr, 200, 20*time.Second, func(i int, c net.Conn) error {
		for k := range 3 {
			msg := []byte(fmt.Sprintf("client %d message %d ção", i, k))
			if _, err := c.Write(msg); err != nil {
				return err
			}
			got := make([]byte, len(msg))
			if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, msg) {
				return fmt.Errorf("got %q, %v; want %q", got, err, msg)
			}
		}
		return nil
	})
	// the course's own client (Client-TCP-Simple.py)
	needPython(t)
	if got := strings.TrimSpace(python(t, 10*time.Second, pyClient, addr, "Hello, world")); got != "48656c6c6f2c20776f726c64" {
		t.Errorf("python client got %s", got)
	}
}

// TestScriptStartErrors: a server whose address is taken, and a client
// whose server is not up, say so and what to do.
func TestScriptStartErrors(t *testing.T) {
	t.Parallel()
	first := startScript(t, "echo.lua", nil, "127.0.0.1:0")
	addr := first.addr(t)
	for _, tc := range []struct{ name, want string }{
		{"echo.lua", "cannot listen on " + addr + ": in use (another server there? give another address: socklab scripts/echo.lua 127.0.0.1:PORT)"},
		{"echo_client.lua", "cannot connect to 127.0.0.1:1: refused (is the server up? start it first: socklab scripts/echo.lua 127.0.0.1:1)"},
	} {
		target := addr
		if tc.name == "echo_client.lua" {
			target = "127.0.0.1:1"
		}
		err := startScript(t, tc.name, nil, target).wait(t, 10*time.Second)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s: %v; want %q", tc.name, target, err, tc.want)
		}
	}
}

func TestEchoClientAndOnce(t *testing.T) {
	t.Parallel()
	srv := startScript(t, "echo.lua", nil, "127.0.0.1:0", "--once")
	addr := srv.addr(t)
	cl := startScript(t, "echo_client.lua", nil, addr)
	if err := cl.wait(t, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cl.out.String(), `Received "Hello, world"`) {
		t.Errorf("client output:\n%s", cl.out)
	}
	if err := srv.wait(t, 10*time.Second); err != nil { // --once: the server ends
		t.Fatalf("server: %v\n%s", err, srv.errw)
	}
	if !regexp.MustCompile(`client 127\.0\.0\.1:\d+ connected`).MatchString(srv.out.String()) {
		t.Errorf("server output:\n%s", srv.out)
	}
}

func TestFixedReply(t *testing.T) {
	t.Parallel()
	s := startScript(t, "fixed_reply.lua", nil, "127.0.0.1:0")
	addr := s.addr(t)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	for _, msg := range []string{"Testando conexão", "x", "a longer message\nwith a newline\n", "Testando conexão"} {
		c.Write([]byte(msg))
		got := make([]byte, 22)
		if _, err := io.ReadFull(c, got); err != nil || string(got) != "SERVER OK - STATUS 200" {
			t.Fatalf("reply to %q: %q, %v", msg, got, err)
		}
	}
	// nothing more than one reply per chunk
	c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if n, _ := c.Read(make([]byte, 10)); n != 0 {
		t.Errorf("extra %d bytes", n)
	}
	needPython(t)
	if got := strings.TrimSpace(python(t, 10*time.Second, pyClient, addr, "Testando conexão")); got != "534552564552204f4b202d2053544154555320323030" {
		t.Errorf("python client got %s", got)
	}
}

// freePort returns a port nothing listens on (just closed).
func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := l.Addr().String()
	l.Close()
	return a
}

func testRetry(t *testing.T, interval string, waitAttempt int, late time.Duration) {
	needPython(t)
	addr := freePort(t)
	args := []string{addr}
	if interval != "" {
		args = append(args, "--interval", interval)
	}
	cl := startScript(t, "retry_connect.lua", nil, args...)
	began := time.Now()
	cl.out.wait(t, fmt.Sprintf(`attempt %d: no answer`, waitAttempt), 30*time.Second)
	if d := late - time.Since(began); d > 0 {
		time.Sleep(d) // the server starts late on purpose: this is the subject, not synchronisation
	}
	_, port, _ := net.SplitHostPort(addr)
	out := python(t, 30*time.Second, pyFixedServer, port)
	if err := cl.wait(t, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	// the server got exactly the 17 bytes of "Testando conexão"
	if !strings.Contains(out, "got 54657374616e646f20636f6e6578c3a36f\n") {
		t.Errorf("server output:\n%s", out)
	}
	if !strings.Contains(cl.out.String(), "reply: SERVER OK - STATUS 200") {
		t.Errorf("client output:\n%s", cl.out)
	}
	t.Logf("connected after %v:\n%s", time.Since(began).Round(time.Millisecond), cl.out)
}

func TestRetryConnectFast(t *testing.T) {
	t.Parallel()
	testRetry(t, "0.05", 3, 0)
}

// TestRetryConnectRealTime keeps the default 2 s interval; the server comes
// up 3 s after the client started, so the third attempt (t=4 s) succeeds.
func TestRetryConnectRealTime(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 4 s")
	}
	t.Parallel()
	testRetry(t, "", 2, 3*time.Second)
}

func TestMulticlient20(t *testing.T) {
	t.Parallel()
	s := startScript(t, "multiclient.lua", nil, "127.0.0.1:0")
	addr := s.addr(t)
	ports := clients(t, addr, 20, 10*time.Second, func(i int, c net.Conn) error {
		c.Write([]byte(fmt.Sprintf("  hello, world %d ção\r\n", i)))
		got, err := io.ReadAll(c)                     // the server closes first
		want := fmt.Sprintf("HELLO, WORLD %d çãO", i) // ASCII-only upper, as bytes.upper()
		if err != nil || string(got) != want {
			return fmt.Errorf("%q, %v; want %q", got, err, want)
		}
		return nil
	})
	for _, p := range ports {
		s.out.wait(t, regexp.QuoteMeta("connection from "+p), 5*time.Second)
	}
	needPython(t)
	if got := strings.TrimSpace(python(t, 10*time.Second, pyClient, addr, "Hello, world")); got != "48454c4c4f2c20574f524c44" {
		t.Errorf("python client got %s (want HELLO, WORLD)", got)
	}
}

// pyUDPClient is Client-UDP-Simple.py: sendto(line+"\n"), one recv.
const pyUDPClient = `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
for line in sys.argv[2:]:
    s.sendto((line + "\n").encode(), (host, int(port)))
    print(s.recv(1024).hex())
`

// pyUDPServer is Server-UDP-Simple.py on an ephemeral port.
const pyUDPServer = `
import socketserver, sys
class H(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request[0].strip()
        self.request[1].sendto(data.upper(), self.client_address)
        print("got", self.request[0].hex(), flush=True)
        self.server.n += 1
with socketserver.UDPServer(("127.0.0.1", 0), H) as srv:
    srv.n = 0
    print("listening", srv.server_address[1], flush=True)
    while srv.n < int(sys.argv[1]):
        srv.handle_request()
`

func TestUDPServer(t *testing.T) {
	testnet.NeedUDP(t)
	t.Parallel()
	needPython(t)
	s := startScript(t, "udp_server.lua", nil, "127.0.0.1:0")
	addr := s.addr(t)
	out := python(t, 10*time.Second, pyUDPClient, addr, "hello", "", "  ação xyz  ")
	want := "48454c4c4f\n\n41c3a7c3a34f2058595a\n" // HELLO, empty datagram, "AçãO XYZ" (ASCII-only upper)
	if out != want {
		t.Errorf("got %q want %q", out, want)
	}
	e := startScript(t, "udp_server.lua", nil, "127.0.0.1:0", "--echo")
	if out := python(t, 10*time.Second, pyUDPClient, e.addr(t), "hello"); out != "68656c6c6f0a\n" {
		t.Errorf("--echo: %q", out)
	}
}

func TestUDPClient(t *testing.T) {
	testnet.NeedUDP(t)
	t.Parallel()
	needPython(t)
	cmd, out := startPython(t, pyUDPServer, "2")
	port := out.wait(t, `listening (\d+)`, 10*time.Second)
	cl := startScript(t, "udp_client.lua", strings.NewReader("hello\nolá mundo\n"), "127.0.0.1:"+port)
	if err := cl.wait(t, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	for _, w := range []string{`Received: "HELLO"`, `Received: "OLá MUNDO"`} {
		if !strings.Contains(cl.out.String(), w) {
			t.Errorf("missing %s in:\n%s", w, cl.out)
		}
	}
	if !strings.Contains(out.String(), "got 68656c6c6f0a") {
		t.Errorf("server got:\n%s", out)
	}
	// no server: the reply times out instead of hanging
	dead := freeUDPPort(t)
	cl2 := startScript(t, "udp_client.lua", strings.NewReader("x\n"), dead, "--timeout", "0.2")
	if err := cl2.wait(t, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cl2.out.String(), "no reply within 0.2 s") {
		t.Errorf("output:\n%s", cl2.out)
	}
}

func freeUDPPort(t *testing.T) string {
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := c.LocalAddr().String()
	c.Close()
	return a
}

// pyEchoServer is servidor.py: one client, echo each chunk, print it.
const pyEchoServer = `
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen()
print("listening", s.getsockname()[1], flush=True)
c, a = s.accept()
while True:
    d = c.recv(1024)
    if not d:
        break
    print("got", d.hex(), flush=True)
    c.sendall(d)
print("end", flush=True)
`

func TestChatClient(t *testing.T) {
	t.Parallel()
	needPython(t)
	cmd, out := startPython(t, pyEchoServer)
	port := out.wait(t, `listening (\d+)`, 10*time.Second)
	in := "oi\n\nTudo bem? ção\nSaIr\nnever sent\n"
	cl := startScript(t, "chat_client.lua", strings.NewReader(in), "127.0.0.1:"+port)
	if err := cl.wait(t, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	out.wait(t, "end", 10*time.Second)
	cmd.Wait()
	want := "got 6f69\ngot 5475646f2062656d3f20c3a7c3a36f\nend\n"
	if got := out.String()[strings.Index(out.String(), "\n")+1:]; got != want {
		t.Errorf("server saw %q, want %q", got, want)
	}
	for _, w := range []string{"> oi\n", "empty line skipped", "Tudo bem? ção", "bye"} {
		if !strings.Contains(cl.out.String(), w) {
			t.Errorf("missing %q in:\n%s", w, cl.out)
		}
	}
	// and against echo.lua on the 61840 exercise's terms
	srv := startScript(t, "echo.lua", nil, "127.0.0.1:0")
	cl2 := startScript(t, "chat_client.lua", strings.NewReader("abc\nsair\n"), srv.addr(t))
	if err := cl2.wait(t, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cl2.out.String(), "> abc\n") {
		t.Errorf("output:\n%s", cl2.out)
	}
}

// pyNumberClient is client.py: n as 2 bytes big-endian, one recv.
const pyNumberClient = `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
for arg in sys.argv[2:]:
    data = bytes.fromhex(arg[4:]) if arg.startswith("hex:") else int(arg).to_bytes(2, "big")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, int(port)))
        s.sendall(data)
        r = s.recv(1024)
    print(repr(r) + " FIM", r.hex())
`

// pyNumberServer is server.py of the number exercise (one client).
const pyNumberServer = `
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen()
print("listening", s.getsockname()[1], flush=True)
c, a = s.accept()
d = c.recv(1024)
n = int.from_bytes(d, "big")
k, m = 0, n
while m > 0:
    m //= 10; k += 1
if k < 10:
    c.sendall(b"PAR" if n % 2 == 0 else "ÍMPAR".encode())
elif k > 10:
    c.sendall(str(n).encode())
c.close()
print("got", d.hex(), flush=True)
`

func TestNumberServer(t *testing.T) {
	t.Parallel()
	needPython(t)
	s := startScript(t, "number_server.lua", nil, "127.0.0.1:0", "--explain")
	addr := s.addr(t)
	out := python(t, 20*time.Second, pyNumberClient, addr, "7", "1000", "1", "65535",
		"hex:02dfdc1c35",                // 12345678901: 11 digits -> decimal
		"hex:499602d2",                  // 1234567890: exactly 10 -> nothing
		"hex:"+strings.Repeat("ff", 20), // 49 digits, beyond 2^53
		"hex:0000")
	want := []string{
		"b'\\xc3\\x8dMPAR' FIM c38d4d504152",
		"b'PAR' FIM 504152",
		"b'\\xc3\\x8dMPAR' FIM c38d4d504152",
		"b'\\xc3\\x8dMPAR' FIM c38d4d504152",
		"b'12345678901' FIM 3132333435363738393031",
		"b'' FIM ",
		"b'1461501637330902918203684832716283019655932542975' FIM 31343631353031363337333330393032393138323033363834383332373136323833303139363535393332353432393735",
		"b'PAR' FIM 504152",
	}
	if got := lines(out); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s.out.wait(t, `explain: 7 has 1 digits, even: no, prime: yes`, 5*time.Second)
}

func TestNumberClient(t *testing.T) {
	t.Parallel()
	needPython(t)
	for _, tc := range []struct{ n, reply, sent string }{{"7", "ÍMPAR", "0007"}, {"1000", "PAR", "03e8"}, {"", "", ""}} {
		cmd, out := startPython(t, pyNumberServer)
		port := out.wait(t, `listening (\d+)`, 10*time.Second)
		args := []string{"127.0.0.1:" + port}
		if tc.n != "" {
			args = append(args, tc.n)
		}
		cl := startScript(t, "number_client.lua", nil, args...)
		if err := cl.wait(t, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		if tc.n == "" {
			m := regexp.MustCompile(`sending (\d+) as ([0-9a-f]{4})`).FindStringSubmatch(cl.out.String())
			if m == nil || !strings.Contains(out.String(), "got "+m[2]) {
				t.Errorf("random: %s / %s", cl.out, out)
			}
			continue
		}
		if !strings.Contains(cl.out.String(), "reply: "+tc.reply+" (") || !strings.Contains(out.String(), "got "+tc.sent) {
			t.Errorf("n=%s: client:\n%s\nserver:\n%s", tc.n, cl.out, out)
		}
	}
}

// clients connects n clients to addr and, once all are connected, runs talk
// on each at the same time, with a deadline of d on every connection. It
// reports each client's error and returns the clients' local addresses.
func clients(t *testing.T, addr string, n int, d time.Duration, talk func(i int, c net.Conn) error) []string {
	t.Helper()
	conns := make([]net.Conn, n)
	for i := range conns {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(d))
		conns[i] = c
	}
	var wg sync.WaitGroup
	ports := make([]string, n)
	for i, c := range conns {
		ports[i] = c.LocalAddr().String()
		wg.Go(func() {
			if err := talk(i, c); err != nil {
				t.Errorf("client %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	return ports
}
