package repl

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.uber.org/goleak"
)

// badLines are command lines a person may type wrongly. Each must print
// exactly one "error:" line (and maybe "hint:" lines), nothing else, and
// leave the shell working. Set up by TestBadInput: [1] a TCP listener,
// [2] a connection from it... see there.
var badLines = []struct {
	line string
	want string // a regexp the error line must match
}{
	{"frobnicate", `^error: unknown command "frobnicate"$`},
	{"sendd hi", `^error: unknown command "sendd"$`},
	{"connect", `^error: connect needs`},
	{"use", `^error: use needs`},
	{"use 1 2", `^error: use takes at most`},
	{"sockets extra", `^error: sockets takes no argument "extra"$`},
	{"listen 127.0.0.1:65536", `^error: bad port "65536"`},
	{"listen 127.0.0.1:-1", `^error: bad port "-1"`},
	{"connect 127.0.0.1:99999", `^error: bad port "99999"`},
	{"connect 127.0.0.1", `^error: bad (port|address)`},
	{"connect [::1", `^error: bad address`},
	{"connect 'a b:80'", `^error: bad host`},
	{"recv 1 --timeout soon", `^error: bad duration --timeout "soon"`},
	{"recv 1 --timeout 5", `^error: --timeout 5 has no unit`},
	{"recv 1 --timeout -5s", `^error: --timeout -5s is negative`},
	{"recv 1 --timeout", `^error: --timeout needs a value`},
	{"recv 1 --bogus", `^error: unknown option --bogus for recv`},
	{`send 2 "\xZZ"`, `^error: .*\\x`},
	{`send 2 "\q"`, `^error: .*\\q`},
	{"send 2 --hex 4", `^error: .*hex`},
	{"send 2 --hex zz", `^error: .*hex`},
	{"close 99", `^error: no socket \[99\]$`},
	{"use 99", `^error: no socket \[99\]$`},
	{"recv 1", `^error: \[1\] recv .*\[1\] is a listener; recv works on connections`},
	{"send 1 hi", `^error: \[1\] send .*\[1\] is a listener; send works on connections`},
	{"accept 2", `^error: \[2\] accept .*`},
	{"sendto 2 127.0.0.1:9 hi", `^error: \[2\] sendto .*`},
	{"recvfrom 2", `^error: \[2\] recvfrom .*`},
	{"interact 1", `^error: \[1\] interact tcp \S+: \[1\] is a listener; interact works on connections`},
	{"shutdown 1 write", `^error: \[1\] shutdown .*`},
	{"shutdown 2 sideways", `^error: .*shutdown.*bad direction "sideways"`},
	{"send 2 --file /nonexistent/file", `^error: send --file /nonexistent/file: ` + noSuchFile + `$`},
	{"run /nonexistent/script.lua", `^error: .*` + noSuchFile},
	{"recv 2 0", `^error: bad size "0"`},
	{"recv 2 --line --all", `^error: give one of --line, --until and --all$`},
	{"option 2 nosuchopt", `^error: .*nosuchopt`},
	{`send "unterminated`, `^error: unterminated quote`},
}

// TestBadInput runs badLines against a shell holding a listener [1] and a
// connection [2] with a live peer, and checks after each that the healthy
// connection still carries data both ways.
func TestBadInput(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0")
	ln := s.Current()
	peerLn, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	peer := acceptOne(t, peerLn)
	for _, tc := range badLines {
		got, err := exec(t, s, out, tc.line)
		if err == nil {
			t.Errorf("%s: no error returned; printed %q", tc.line, got)
		}
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if !regexp.MustCompile(tc.want).MatchString(lines[0]) {
			t.Errorf("%s: first line %q does not match %q", tc.line, lines[0], tc.want)
		}
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "hint: ") {
				t.Errorf("%s: extra line %q (want only error: and hint: lines)", tc.line, l)
			}
		}
		if strings.Contains(got, "internal error") {
			t.Errorf("%s: panicked: %s", tc.line, got)
		}
		healthy(t, s, out, 2, peer)
	}
	if s.Current() == nil || ln.Closed() {
		t.Errorf("the listener went away")
	}
}

// healthy checks that connection id still sends to and receives from peer,
// and that sockets still lists it.
func healthy(t *testing.T, s *Session, out *syncBuffer, id int, peer net.Conn) {
	t.Helper()
	idS := string(rune('0' + id))
	if got := mustExec(t, s, out, "sockets"); !strings.Contains(got, idS) {
		t.Fatalf("sockets lost [%d]: %s", id, got)
	}
	mustExec(t, s, out, "send "+idS+" ping")
	peer.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 4)
	if _, err := io.ReadFull(peer, buf); err != nil || string(buf) != "ping" {
		t.Fatalf("peer read %q, %v", buf, err)
	}
	peer.Write([]byte("pong"))
	if got := mustExec(t, s, out, "recv "+idS+" 4 --timeout 5s"); !strings.Contains(got, `"pong"`) {
		t.Fatalf("recv printed %q", got)
	}
}

// TestHugeLineAndGarbage feeds a 1 MiB line and random bytes into Exec:
// each fails with an error line, never a panic, and the shell goes on.
func TestHugeLineAndGarbage(t *testing.T) {
	s, out := testSession(t, false)
	for _, line := range []string{
		strings.Repeat("x", 1<<20),
		"send " + strings.Repeat("y", 1<<20),
		"help " + strings.Repeat("\\", 1<<20-1),
	} {
		got, _ := exec(t, s, out, line)
		if strings.Contains(got, "internal error") {
			t.Fatalf("panic on a 1 MiB line: %.200s", got)
		}
		if !strings.HasPrefix(got, "error: ") {
			t.Errorf("1 MiB line %.20q...: printed %.200q", line, got)
		}
		if len(got) > 8<<10 && strings.HasPrefix(line, "x") {
			t.Errorf("unknown command echoed %d bytes back", len(got))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 64<<10)
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	for _, line := range bytes.Split(junk, []byte("\n")) {
		got, _ := exec(t, s, out, string(line))
		if strings.Contains(got, "internal error") {
			t.Fatalf("panic on %q:\n%s", line, got)
		}
		for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
			if l != "" && !strings.HasPrefix(l, "error: ") && !strings.HasPrefix(l, "hint: ") && !strings.HasPrefix(l, "usage: ") {
				// help with an argument prints usage; anything else is unexpected
				if !strings.Contains(got, "usage:") {
					t.Fatalf("%q printed %q", line, got)
				}
			}
			if strings.ContainsAny(l, "\x1b\x07\x00") || !utf8.ValidString(l) {
				t.Fatalf("%q echoed raw control bytes or invalid UTF-8: %q", line, l)
			}
		}
	}
	mustExec(t, s, out, "listen 127.0.0.1:0; sockets; close")
}

// rawPeer returns a shell with [1] a connection to a Go peer, and the peer.
func rawPeer(t *testing.T) (*Session, *syncBuffer, net.Conn) {
	t.Helper()
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	return s, out, acceptOne(t, ln)
}

// twoPeers returns a shell with [1] a connection to a hostile peer and [2]
// a connection to a healthy one, and both peers.
func twoPeers(t *testing.T) (s *Session, out *syncBuffer, bad, good net.Conn) {
	t.Helper()
	s, out, bad = rawPeer(t)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	good = acceptOne(t, ln)
	mustExec(t, s, out, "use 1")
	return s, out, bad, good
}

// TestFaultEscaping: every byte 0..255 and terminal escape sequences from a
// peer come out escaped, as text and as a hex dump.
func TestFaultEscaping(t *testing.T) {
	s, out, bad, good := twoPeers(t)
	var all []byte
	for i := 0; i < 256; i++ {
		all = append(all, byte(i))
	}
	evil := "\x1b[2J\x1b]0;owned\x07\x1b[31m\r\x9b6n\u202e"
	bad.Write(append(all, evil...))
	got := mustExec(t, s, out, "recv 1 --until owned --timeout 2s")
	got += mustExec(t, s, out, "recv 1 4096 --timeout 2s")
	check := func(got string) {
		t.Helper()
		for _, r := range got {
			if r == '\n' {
				continue
			}
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' {
				t.Fatalf("raw control character %U in output %q", r, got)
			}
		}
	}
	check(got)
	if !strings.Contains(got, `\x1b[2J`) && !strings.Contains(got, `\x1b`) {
		t.Errorf("ESC not shown escaped: %q", got)
	}
	bad.Write(append(all, evil...))
	got = mustExec(t, s, out, "recv 1 4096 --hex --timeout 2s")
	check(got)
	if !strings.Contains(got, "1b 5b 32 4a") {
		t.Errorf("hex dump lacks the escape sequence: %q", got)
	}
	healthy(t, s, out, 2, good)
}

// TestFaultFlood: a peer that sends without end and never a newline makes
// recv --line fail with "too long" at netops.DefaultLimit (1 MiB), keeps the
// bytes buffered (at most the limit), and a plain recv reads them.
func TestFaultFlood(t *testing.T) {
	s, out, bad, good := twoPeers(t)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		chunk := bytes.Repeat([]byte("A"), 64<<10)
		for {
			select {
			case <-stop:
				return
			default:
			}
			bad.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
			bad.Write(chunk)
		}
	}()
	got, err := exec(t, s, out, "recv 1 --line --timeout 5s")
	if err == nil || !regexp.MustCompile(`^error: \[1\] recv tcp \S+: too long: more than 1048576 bytes before the (delimiter|end of stream)\nhint: `).MatchString(got) {
		t.Fatalf("recv --line on a flood: %v\n%q", err, got)
	}
	got, err = exec(t, s, out, "recv 1 --until END --timeout 5s")
	if err == nil || !strings.Contains(got, "too long") {
		t.Fatalf("recv --until on a flood: %v\n%q", err, got)
	}
	got, err = exec(t, s, out, "recv 1 --all --timeout 5s")
	if err == nil || !strings.Contains(got, "too long") {
		t.Fatalf("recv --all on a flood: %v\n%q", err, got)
	}
	if got := mustExec(t, s, out, "recv 1 100"); !strings.HasPrefix(got, `[1] 100 bytes: "AAAA`) {
		t.Errorf("recv after too long: %q", got)
	}
	healthy(t, s, out, 2, good)
}

// TestFaultSlowPeer: a peer that drips one byte at a time still gives a
// whole line to recv --line.
func TestFaultSlowPeer(t *testing.T) {
	s, out, bad, good := twoPeers(t)
	go func() {
		for _, b := range []byte("slow line\n") {
			bad.Write([]byte{b})
			time.Sleep(20 * time.Millisecond) // the drip itself, not synchronisation
		}
	}()
	if got := mustExec(t, s, out, "recv 1 --line --timeout 5s"); got != "[1] 10 bytes: \"slow line\\n\"\n" {
		t.Errorf("recv --line from a slow peer: %q", got)
	}
	// A timeout that passes mid-line keeps what arrived for the next recv.
	go func() {
		for _, b := range []byte("abc") {
			bad.Write([]byte{b})
			time.Sleep(20 * time.Millisecond)
		}
	}()
	got, err := exec(t, s, out, "recv 1 --line --timeout 150ms")
	if err == nil || !strings.Contains(got, "timed out") {
		t.Errorf("recv --line timeout: %v %q", err, got)
	}
	bad.Write([]byte("\n"))
	if got := mustExec(t, s, out, "recv 1 --line --timeout 5s"); got != "[1] 4 bytes: \"abc\\n\"\n" {
		t.Errorf("bytes lost after a timeout: %q", got)
	}
	healthy(t, s, out, 2, good)
}

// TestFaultPeerNeverReads: send to a peer that never reads blocks once the
// buffers fill; --timeout ends it with an error, and so does cancelling.
func TestFaultPeerNeverReads(t *testing.T) {
	s, out, _, good := twoPeers(t)
	big := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(big, make([]byte, 32<<20), 0o644); err != nil { // more than loopback's buffers hold
		t.Fatal(err)
	}
	start := time.Now()
	got, err := exec(t, s, out, "send 1 --file "+big+" --timeout 300ms")
	if err == nil || !regexp.MustCompile(`^error: \[1\] send tcp \S+: timed out`).MatchString(got) {
		t.Fatalf("send to a peer that never reads: %v %q", err, got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("send --timeout 300ms took %v", d)
	}
	if got, _ := execCancelled(t, s, out, "send 1 --file "+big); !strings.Contains(got, "send canceled") {
		t.Errorf("cancelled send printed %q", got)
	}
	healthy(t, s, out, 2, good)
}

// TestFaultReset: a peer that closes with SO_LINGER 0 (RST) mid-transfer
// makes recv and send report the reset, with a hint.
func TestFaultReset(t *testing.T) {
	s, out, bad, good := twoPeers(t)
	bad.Write([]byte("partial"))
	mustExec(t, s, out, "send 1 'unread by the peer'")
	bad.(*net.TCPConn).SetLinger(0)
	bad.Close()
	// what arrived before the RST may or may not be readable: read until the error
	var got string
	for i := 0; i < 3; i++ {
		var err error
		got, err = exec(t, s, out, "recv 1 --timeout 5s")
		if err != nil {
			break
		}
	}
	if !regexp.MustCompile(`^error: \[1\] recv tcp \S+: connection reset by peer\nhint: the peer reset the connection`).MatchString(got) {
		t.Errorf("recv after RST printed %q", got)
	}
	got, err := exec(t, s, out, "send 1 more")
	if err == nil || !regexp.MustCompile(`^error: \[1\] send tcp \S+: (broken pipe|connection reset by peer)\nhint: `).MatchString(got) {
		t.Errorf("send after RST: %v %q", err, got)
	}
	if got := mustExec(t, s, out, "sockets"); !strings.Contains(got, "[1]") && !strings.Contains(got, " 1 ") {
		t.Logf("sockets after reset: %s", got)
	}
	healthy(t, s, out, 2, good)
	mustExec(t, s, out, "close 1")
}

// TestFaultHalfClose: a peer that shuts down its writing side is reported
// as end of stream; the shell can still send to it.
func TestFaultHalfClose(t *testing.T) {
	s, out, bad, good := twoPeers(t)
	bad.Write([]byte("last words"))
	bad.(*net.TCPConn).CloseWrite()
	got := mustExec(t, s, out, "recv 1 --all --timeout 5s")
	if !strings.HasPrefix(got, "[1] 10 bytes: \"last words\"\n[1] the peer finished sending (FIN)") {
		t.Errorf("recv --all after FIN: %q", got)
	}
	mustExec(t, s, out, "send 1 still-here")
	buf := make([]byte, 10)
	if _, err := io.ReadFull(bad, buf); err != nil || string(buf) != "still-here" {
		t.Errorf("half-closed peer read %q, %v", buf, err)
	}
	mustExec(t, s, out, "shutdown 1 write")
	if n, err := bad.Read(buf); n != 0 || err != io.EOF {
		t.Errorf("peer after shutdown write: %d, %v", n, err)
	}
	healthy(t, s, out, 2, good)
}

// TestFaultVanish: a peer that closes (or whose process ends) is reported
// as end of stream, and later sends fail with a clear error.
func TestFaultVanish(t *testing.T) {
	s, out, bad, good := twoPeers(t)
	bad.Close()
	if got := mustExec(t, s, out, "recv 1 --timeout 5s"); !strings.Contains(got, "the peer finished sending (FIN)") {
		t.Errorf("recv after the peer closed: %q", got)
	}
	// The first send may be accepted by the kernel; the RST it draws fails a later one.
	var got string
	var err error
	for i := 0; i < 20 && err == nil; i++ {
		got, err = exec(t, s, out, "send 1 x")
		if err == nil {
			time.Sleep(10 * time.Millisecond) // the RST is on its way; no event signals it
		}
	}
	if err == nil || !regexp.MustCompile(`^error: \[1\] send tcp \S+: (broken pipe|connection reset by peer)\nhint: `).MatchString(got) {
		t.Errorf("send to a vanished peer: %v %q", err, got)
	}
	healthy(t, s, out, 2, good)
}

// TestShellLeavesNothing: a session that opened every kind of socket, with
// notices on (a watcher goroutine per socket), a reset peer and a
// background script, leaves no goroutine and no descriptor once closed.
// noSuchFile is the system's text for a missing file or directory: Linux's
// ENOENT, Windows' (and Wine's) missing path.
const noSuchFile = `(no such file or directory|(?i:path not found|the system cannot find the path specified\.))`

func TestShellLeavesNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts descriptors in /proc/self/fd, which is Linux's")
	}
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	fds := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip("no /proc/self/fd")
		}
		return len(ents)
	}
	before := fds()
	out := &syncBuffer{}
	s := newSession(config{out: out, errOut: out, notices: true})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	run := func(line string) {
		t.Helper()
		if err := s.Exec(ctx, line); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out.everything())
		}
	}
	run("listen 127.0.0.1:0")
	addr := s.Current().LocalAddr()
	run("connect " + addr + "; accept 1; send 2 hi; recv 3 2")
	run("listen udp 127.0.0.1:0; socket tcp; socket udp; bind 6 127.0.0.1:0")
	run("run ../scripts/echo.lua 127.0.0.1:0 --quiet &")
	waitFor(t, out, "listening on")
	peer, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	run("accept 1")
	peer.(*net.TCPConn).SetLinger(0)
	peer.Close() // the shell's side of it now holds a reset
	s.Exec(ctx, "recv --timeout 2s")
	s.Close()
	deadline := time.Now().Add(5 * time.Second)
	for fds() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // no event says a descriptor closed
	}
	if n := fds(); n > before {
		t.Fatalf("%d descriptors open after Close, %d before", n, before)
	}
}

// TestSocketsWhileScriptReceives: `sockets` lists a connection that a
// background script waits to receive on, at once (it used to wait for the
// receive to end).
func TestSocketsWhileScriptReceives(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0")
	addr := s.Current().LocalAddr()
	script := filepath.Join(t.TempDir(), "wait.lua")
	os.WriteFile(script, []byte(`local c = assert(net.connect(arg[1])); print("waiting"); print(c:recv())`), 0o644)
	mustExec(t, s, out, "run "+script+" "+addr+" &")
	waitFor(t, out, "waiting")
	mustExec(t, s, out, "accept 1")
	// `sockets` ignores its context, so a listing stuck behind the receive
	// would outlast exec's 10 s bound: wait for it here, for 8 s (the
	// receive never ends; under Wine a listing can take over 2 s).
	done := make(chan string, 1)
	go func() { got, _ := exec(t, s, out, "sockets"); done <- got }()
	select {
	case got := <-done:
		if !strings.Contains(got, "ESTABLISHED") {
			t.Fatalf("sockets:\n%s", got)
		}
	case <-time.After(8 * time.Second):
		t.Fatal("sockets still waiting after 8 s, behind the script's receive")
	}
}
