package netops

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// ipCmd runs ip(8) with a bounded wait.
func ipCmd(args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// twoHosts makes two network namespaces joined by a veth pair, with
// addresses 10.231.N.1 (host a) and 10.231.N.2 (host b) that exist only
// inside them, and removes them (by name) when the test ends. It skips
// the test where the machine does not allow it.
func twoHosts(t *testing.T) (a, b, addrA, addrB string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs ip(8) from iproute2")
	}
	id := os.Getpid() % 100000
	a, b = fmt.Sprintf("slab-a-%d", id), fmt.Sprintf("slab-b-%d", id)
	for _, ns := range []string{a, b} {
		if err := ipCmd("netns", "add", ns); err != nil {
			t.Skipf("cannot create a network namespace here: %v", err)
		}
		t.Cleanup(func() { ipCmd("netns", "del", ns) })
	}
	n := id%250 + 1
	addrA, addrB = fmt.Sprintf("10.231.%d.1", n), fmt.Sprintf("10.231.%d.2", n)
	va, vb := fmt.Sprintf("slva%d", id), fmt.Sprintf("slvb%d", id)
	steps := [][]string{
		{"link", "add", va, "netns", a, "type", "veth", "peer", "name", vb, "netns", b},
		{"-n", a, "addr", "add", addrA + "/24", "dev", va},
		{"-n", b, "addr", "add", addrB + "/24", "dev", vb},
		{"-n", a, "link", "set", va, "up"}, {"-n", b, "link", "set", vb, "up"},
		{"-n", a, "link", "set", "lo", "up"}, {"-n", b, "link", "set", "lo", "up"},
	}
	for _, s := range steps {
		if err := ipCmd(s...); err != nil {
			t.Fatal(err)
		}
	}
	return a, b, addrA, addrB
}

// socketIn makes a step socket inside network namespace ns: socket(2) is
// the only call that depends on the calling thread's namespace; the
// socket belongs to ns for the rest of its life.
func socketIn(t *testing.T, tb *Table, ns string) *Socket {
	t.Helper()
	type result struct {
		s   *Socket
		err error
	}
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		self, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			ch <- result{err: err}
			return
		}
		defer self.Close()
		target, err := os.Open("/run/netns/" + ns)
		if err != nil {
			ch <- result{err: err}
			return
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			ch <- result{err: err}
			return
		}
		s, err := tb.Socket("tcp", "")
		unix.Setns(int(self.Fd()), unix.CLONE_NEWNET)
		ch <- result{s, err}
	}()
	r := <-ch
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.s
}

// TestTwoHosts connects two hosts (network namespaces on this machine)
// and watches states that loopback hides: SYN_SENT while the SYN-ACK is
// lost, and LAST_ACK while the FIN's ACK is.
func TestTwoHosts(t *testing.T) {
	a, b, addrA, addrB := twoHosts(t)
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)

	s := socketIn(t, tb, b)
	if _, err := s.Bind(addrB + ":0"); err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	server := ln.LocalAddr()
	c, err := socketIn(t, tb, a).Connect(ctx, server, testTimeout)
	if err != nil {
		t.Fatal(err)
	}
	if h, _, _ := strings.Cut(c.LocalAddr(), ":"); h != addrA || c.State() != "ESTABLISHED" {
		t.Fatalf("client %s %s, want %s ESTABLISHED", c.LocalAddr(), c.State(), addrA)
	}
	srv, err := ln.Accept(ctx, testTimeout)
	if err != nil {
		t.Fatal(err)
	}
	if srv.RemoteAddr() != c.LocalAddr() {
		t.Fatalf("server sees %s, client is %s", srv.RemoteAddr(), c.LocalAddr())
	}
	if _, err := c.Send(ctx, []byte("hello from a"), testTimeout); err != nil {
		t.Fatal(err)
	}
	if got, err := srv.Recv(ctx, 100, testTimeout); err != nil || string(got) != "hello from a" {
		t.Fatalf("recv %q %v", got, err)
	}

	// The client finishes sending; the server reads EOF and is in CLOSE_WAIT.
	if err := c.Shutdown("write"); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Recv(ctx, 100, testTimeout); err != io.EOF {
		t.Fatalf("recv: %v, want EOF", err)
	}
	if srv.State() != "CLOSE_WAIT" {
		t.Fatalf("server %s, want CLOSE_WAIT", srv.State())
	}
	waitState(t, c, "FIN_WAIT_2")

	// From now on host b's packets to host a are lost.
	if err := ipCmd("-n", b, "route", "add", "blackhole", addrA+"/32"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Shutdown("write"); err != nil {
		t.Fatal(err)
	}
	waitState(t, srv, "LAST_ACK") // our FIN is out; its ACK can never come back

	c2 := socketIn(t, tb, a)
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { _, err := c2.Connect(cctx, server, 0); done <- err }()
	waitState(t, c2, "SYN_SENT") // the SYN-ACK is lost on the way back
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("connect succeeded through a blackhole")
		}
	case <-time.After(testTimeout):
		t.Fatal("connect did not end on cancel")
	}
}
