package luanet

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/socklab/socklab/netops"
)

// tlsServer serves "hi" to each TLS client, one accept at a time, as the
// defect's report did; it closes the listener when the test sends a line.
const tlsServer = `
local l = assert(net.listen("tcp", "127.0.0.1:0", {tls = true}))
local ip, port = l:localaddr()
print(("listening on %s:%d"):format(ip, port))
spawn(function()
  while true do
    local c, err = l:accept()
    if not c then print("accept: " .. err) break end
    c:send("hi\n")
    c:close()
  end
end)
input()
l:close()
print("listener closed")
input()
`

// tlsHi makes a TLS client's handshake and reads its line, all within d.
func tlsHi(addr string, d time.Duration) (string, error) {
	c, err := tls.DialWithDialer(&net.Dialer{Timeout: d}, "tcp", addr, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(d))
	return bufio.NewReader(c).ReadString('\n')
}

// wantClosed checks that the server closed c within 5 s.
func wantClosed(t *testing.T, c net.Conn, what string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var ne net.Error
	if _, err := c.Read(make([]byte, 1)); err == nil || errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("%s: still open (%v)", what, err)
	}
}

// silentClient connects to addr and says nothing.
func silentClient(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// startWithInput runs code as a script file whose input() reads in.
func startWithInput(t *testing.T, code string, in io.Reader) *script {
	t.Helper()
	p := filepath.Join(t.TempDir(), "server.lua")
	if err := os.WriteFile(p, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	return startFile(t, p, in)
}

// TestTLSSilentClientsHoldUpNoOne: two clients that connect and say
// nothing hold up no TLS client behind them (each used to hold accept for
// its 10 s handshake timeout); closing the listener closes them, and
// accept reports the listener closed, not their handshakes.
func TestTLSSilentClientsHoldUpNoOne(t *testing.T) {
	in, feed := io.Pipe()
	defer feed.Close()
	s := startWithInput(t, tlsServer, in)
	addr := s.addr(t)
	silent := []net.Conn{silentClient(t, addr), silentClient(t, addr)}
	start := time.Now()
	if l, err := tlsHi(addr, 3*time.Second); l != "hi\n" {
		t.Fatalf("a TLS client behind two silent ones: %q, %v after %v", l, err, time.Since(start))
	}
	feed.Write([]byte("close\n"))
	s.out.wait(t, "listener closed", 5*time.Second)
	for _, c := range silent {
		wantClosed(t, c, "a silent client after the listener closed")
	}
	s.out.wait(t, "accept: closed", 5*time.Second)
}

// TestTLSHandshakesAreBounded: with room for two handshakes, a TLS client
// behind two silent ones waits in the backlog until one of them leaves.
func TestTLSHandshakesAreBounded(t *testing.T) {
	defer func(n int) { maxHandshakes = n }(maxHandshakes)
	maxHandshakes = 2
	in, feed := io.Pipe()
	defer feed.Close()
	s := startWithInput(t, tlsServer, in)
	addr := s.addr(t)
	silent := []net.Conn{silentClient(t, addr), silentClient(t, addr)}
	type reply struct {
		line string
		err  error
	}
	got := make(chan reply, 1)
	go func() {
		l, err := tlsHi(addr, 5*time.Second)
		got <- reply{l, err}
	}()
	select {
	case r := <-got:
		t.Fatalf("a third client was served with room for two handshakes: %q, %v", r.line, r.err)
	case <-time.After(300 * time.Millisecond): // waiting, as it should
	}
	silent[0].Close() // its handshake fails at once, which makes room
	if r := <-got; r.line != "hi\n" {
		t.Fatalf("the third client after a silent one left: %q, %v", r.line, r.err)
	}
}

// TestTLSStopClosesHandshakes: stopping a run closes the clients in their
// handshake and leaves no socket behind (goroutines: goleak in TestMain).
func TestTLSStopClosesHandshakes(t *testing.T) {
	tab := netops.NewTable()
	out := newLineBuf()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- RunString(ctx, "stop.lua", `
			local l = assert(net.listen("tcp", "127.0.0.1:0", {tls = true}))
			local ip, port = l:localaddr()
			print(("listening on %s:%d"):format(ip, port))
			l:accept()`, Options{Table: tab, Stdout: out})
	}()
	addr := out.wait(t, `listening on (\S+:\d+)`, 5*time.Second)
	silent := []net.Conn{silentClient(t, addr), silentClient(t, addr)}
	deadline := time.Now().Add(5 * time.Second)
	for len(tab.List()) < 3 { // the listener and both clients, in their handshake
		if time.Now().After(deadline) {
			t.Fatalf("the silent clients were not accepted: %d sockets", len(tab.List()))
		}
		time.Sleep(10 * time.Millisecond) // polling, bounded above
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the run did not end within 5 s of its stop")
	}
	for _, c := range silent {
		wantClosed(t, c, "a silent client after the run stopped")
	}
	if n := len(tab.List()); n != 0 {
		t.Errorf("%d sockets left after the run", n)
	}
}
