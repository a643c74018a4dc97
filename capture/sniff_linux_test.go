package capture

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openOrSkip opens a sniffer, skipping the test without the right to.
func openOrSkip(t *testing.T, cfg Config) *Sniffer {
	t.Helper()
	s, err := Open(cfg)
	if errors.Is(err, os.ErrPermission) {
		t.Skip("capturing needs root or CAP_NET_RAW:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// collect reads packets of port until want matches the flags seen, or fails
// after a bound.
func collect(t *testing.T, s *Sniffer, port int, done func([]Packet) bool) []Packet {
	t.Helper()
	var got []Packet
	ch := make(chan Packet)
	errc := make(chan error, 1)
	go func() {
		for {
			p, err := s.Next()
			if err != nil {
				errc <- err
				return
			}
			ch <- p
		}
	}()
	deadline := time.After(10 * time.Second)
	for !done(got) {
		select {
		case p := <-ch:
			if int(p.Src.Port()) == port || int(p.Dst.Port()) == port {
				got = append(got, p)
			}
		case err := <-errc:
			t.Fatal(err)
		case <-deadline:
			t.Fatalf("gave up waiting; got %s", summary(got))
		}
	}
	return got
}

func summary(ps []Packet) string {
	var l []string
	for _, p := range ps {
		l = append(l, strings.Join(p.Flags.Names(), ","))
	}
	return strings.Join(l, " ")
}

// TestCaptureLoopback captures a connection's handshake, data, FIN and RST
// on loopback, once each (not doubled), writes them to a pcap file and
// reads it back with tcpdump.
func TestCaptureLoopback(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	s := openOrSkip(t, Config{Ports: []int{port}})

	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("hi"))
	buf := make([]byte, 2)
	srv.Read(buf)
	c.(*net.TCPConn).CloseWrite()
	srv.Read(buf) // EOF
	srv.(*net.TCPConn).SetLinger(0)
	srv.Close() // RST: linger 0
	c.Close()
	got := collect(t, s, port, func(ps []Packet) bool {
		return len(ps) > 0 && ps[len(ps)-1].Flags.Has(RST)
	})
	tr := NewTracker()
	var flags []string
	for _, p := range got {
		sn := tr.Add(p)
		flags = append(flags, strings.Join(p.Flags.Names(), ","))
		if p.Len == 2 && (string(p.Payload) != "hi" || sn.RelSeq != 1) {
			t.Errorf("data segment: %q at relative seq %d", p.Payload, sn.RelSeq)
		}
	}
	// The FIN's ACK may ride on the RST, or come before it.
	seen := strings.Join(flags, " ")
	if seen != "SYN SYN,ACK ACK PSH,ACK ACK FIN,ACK ACK RST" && seen != "SYN SYN,ACK ACK PSH,ACK ACK FIN,ACK RST,ACK" {
		t.Fatalf("flags %q", seen)
	}
	if got[0].Opts.MSS == 0 || got[0].Opts.WScale < 0 {
		t.Errorf("SYN options %+v", got[0].Opts)
	}

	tcpdump, err := exec.LookPath("tcpdump")
	if err != nil {
		t.Skip("tcpdump is not installed; the pcap file is not read back")
	}
	path := filepath.Join(t.TempDir(), "c.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewPcapWriter(f, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if err := w.Write(&got[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tcpdump, "-nn", "-r", path).CombinedOutput()
	if err != nil {
		t.Fatalf("tcpdump: %v\n%s", err, out)
	}
	var tflags []string
	for _, line := range strings.Split(string(out), "\n") {
		if i := strings.Index(line, "Flags ["); i >= 0 {
			tflags = append(tflags, line[i+7:i+7+strings.Index(line[i+7:], "]")])
		}
	}
	if strings.Join(tflags, " ") != tcpdumpFlags(got) {
		t.Fatalf("tcpdump read %q:\n%s", tflags, out)
	}
	if !strings.Contains(string(out), "length 2") {
		t.Fatalf("tcpdump does not see the 2 data bytes:\n%s", out)
	}
}

// pair returns both ends of a fresh connection on 127.0.0.1, and the
// server's port.
func pair(t *testing.T) (net.Conn, net.Conn, int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); srv.Close() })
	return c, srv, ln.Addr().(*net.TCPAddr).Port
}

// TestFilterPorts checks that the kernel filter keeps the packets of its
// ports only, and follows SetPorts.
func TestFilterPorts(t *testing.T) {
	c1, _, p1 := pair(t)
	c2, _, p2 := pair(t)
	s := openOrSkip(t, Config{Ports: []int{p1}})
	big := strings.Repeat("x", 1000)
	seenOther := func(ps []Packet) bool {
		for _, p := range ps {
			if int(p.Src.Port()) == p2 || int(p.Dst.Port()) == p2 {
				return true
			}
		}
		return false
	}
	c2.Write([]byte(big)) // not on the filter's port: never seen
	c1.Write([]byte(big)) // sent after it, and seen
	got := collectAny(t, s, func(ps []Packet) bool { return len(ps) > 0 && ps[len(ps)-1].Len == 1000 })
	if seenOther(got) || int(got[len(got)-1].Dst.Port()) != p1 {
		t.Fatalf("the filter let through a packet of port %d, or lost port %d's", p2, p1)
	}
	if err := s.SetPorts([]int{p1, p2}); err != nil {
		t.Fatal(err)
	}
	c2.Write([]byte(big))
	got = collectAny(t, s, func(ps []Packet) bool { return seenOther(ps) && ps[len(ps)-1].Len == 1000 })
	if string(got[len(got)-1].Payload) != big {
		t.Fatal("the whole payload was not kept after SetPorts")
	}
}

// collectAny reads packets until done says so, or fails after a bound.
func collectAny(t *testing.T, s *Sniffer, done func([]Packet) bool) []Packet {
	t.Helper()
	var got []Packet
	stop := time.AfterFunc(10*time.Second, func() { s.Close() }) // ends a Next that waits for ever
	defer stop.Stop()
	for !done(got) {
		p, err := s.Next()
		if err != nil {
			t.Fatalf("gave up waiting (%v); got %s", err, summary(got))
		}
		got = append(got, p)
	}
	return got
}

// tcpdumpFlags writes the packets' flags as tcpdump does: "S", "S.", "P.".
func tcpdumpFlags(ps []Packet) string {
	var l []string
	for _, p := range ps {
		s := ""
		for _, x := range []struct {
			f Flags
			c string
		}{{SYN, "S"}, {FIN, "F"}, {PSH, "P"}, {RST, "R"}, {ACK, "."}} {
			if p.Flags.Has(x.f) {
				s += x.c
			}
		}
		l = append(l, s)
	}
	return strings.Join(l, " ")
}

// TestPacketTime: a packet's time is when the kernel saw it, as tcpdump
// gives it, not when socklab got round to reading it (after a burst, or
// here a pause, that may be much later: Wireshark's deltas and round-trip
// times would be wrong).
func TestPacketTime(t *testing.T) {
	c, _, port := pair(t)
	s := openOrSkip(t, Config{Ports: []int{port}})
	// The kernel turns its timestamps on a moment after the first socket
	// asks (a deferred work item); until then a packet is stamped when
	// read. Wait, within a bound, for a packet stamped before its read.
	for i := 0; ; i++ {
		sent := time.Now()
		if _, err := c.Write([]byte("w")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
		got := collect(t, s, port, func(ps []Packet) bool { return len(ps) > 0 && ps[len(ps)-1].Len == 1 })
		if got[len(got)-1].Time.Before(sent.Add(10 * time.Millisecond)) {
			break
		}
		if i == 50 {
			t.Fatalf("after 50 packets, each is stamped when read, 20 ms after it was sent (%s, sent %s)",
				got[len(got)-1].Time.Format("15:04:05.000000"), sent.Format("15:04:05.000000"))
		}
	}
	before := time.Now()
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	after := time.Now()
	time.Sleep(300 * time.Millisecond) // socklab busy elsewhere: the packet waits in the kernel
	got := collect(t, s, port, func(ps []Packet) bool { return len(ps) > 0 && string(ps[len(ps)-1].Payload) == "x" })
	p := got[len(got)-1]
	if p.Time.Before(before.Add(-time.Millisecond)) || p.Time.After(after.Add(50*time.Millisecond)) {
		t.Fatalf("the packet sent between %s and %s is stamped %s", before.Format("15:04:05.000000"), after.Format("15:04:05.000000"), p.Time.Format("15:04:05.000000"))
	}
}
