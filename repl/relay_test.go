package repl

import (
	"context"
	"io"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/words"
)

// TestRelayCommand: the shell's relay shows the pair, the bytes each way,
// the half-closes and the totals, passes a FIN on, and Ctrl-C stops it.
func TestRelayCommand(t *testing.T) {
	s, out := testSession(t, false)
	tl, target := peerListener(t)
	go func() { // the target: answers the request in capitals after its end
		c, err := tl.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(10 * time.Second))
		b, _ := io.ReadAll(c)
		c.Write([]byte(strings.ToUpper(string(b))))
	}()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Exec(ctx, "relay 127.0.0.1:0 "+target+" --hex") }()
	all := waitFor(t, out, "each client goes to")
	m := regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`).FindStringSubmatch(all)
	if m == nil {
		cancel()
		t.Fatalf("no address in %q", all)
	}
	c, err := net.Dial("tcp", m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	c.Write([]byte("hello"))
	c.(*net.TCPConn).CloseWrite()
	if b, _ := io.ReadAll(c); string(b) != "HELLO" {
		t.Fatalf("client got %q", b)
	}
	waitFor(t, out, "relay #1: closed; 5 bytes client -> target, 5 bytes target -> client")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not stop relay")
	}
	got := out.everything()
	for _, want := range []string{
		"relay #1: 127.0.0.1:", "relay #1: client -> target 5 bytes",
		"68 65 6c 6c 6f", "relay #1: client -> target finished (FIN passed on)",
		"relay #1: target -> client 5 bytes", "48 45 4c 4c 4f", "relay: stopped",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// TestRelayTargetRefusedPT: a target that refuses is said in the
// language, without Go's "dial tcp ...: connect:" (it read "não pôde ser
// alcançado: dial tcp 127.0.0.1:P: connect: conexão recusada").
func TestRelayTargetRefusedPT(t *testing.T) {
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	s, out := testSession(t, false)
	target := closedPort(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Exec(ctx, "relay 127.0.0.1:0 "+target) }()
	all := waitFor(t, out, "cada cliente vai para")
	m := regexp.MustCompile(`escutando em (127\.0\.0\.1:\d+)`).FindStringSubmatch(all)
	if m == nil {
		t.Fatalf("no address in %q", all)
	}
	c, err := net.Dial("tcp", m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := waitFor(t, out, "(o cliente é fechado)")
	if want := "mas " + target + " não pôde ser alcançado: conexão recusada (o cliente é fechado)"; !strings.Contains(got, want) {
		t.Errorf("missing %q in:\n%s", want, got)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not stop relay")
	}
}
