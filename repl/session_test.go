package repl

import (
	"context"
	"errors"
	"fmt"
	"github.com/socklab/socklab/words"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/socklab/socklab/internal/testnet"
	"github.com/socklab/socklab/netops"
)

func TestSendRecvWithPeer(t *testing.T) {
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	peer := acceptOne(t, ln)

	mustExec(t, s, out, `send "hello world\n"`)
	buf := make([]byte, 64)
	n, _ := io.ReadAtLeast(peer, buf, 12)
	if got := string(buf[:n]); got != "hello world\n" {
		t.Fatalf("peer got %q", got)
	}
	mustExec(t, s, out, "send --hex 4869; sendline 'a b'")
	n, _ = io.ReadAtLeast(peer, buf, 6)
	if got := string(buf[:n]); got != "Hia b\n" {
		t.Fatalf("peer got %q", got)
	}

	peer.Write([]byte("line one\nline two\n\x1b[2Jtail"))
	if got := mustExec(t, s, out, "recv --line"); got != "[1] 9 bytes: \"line one\\n\"\n" {
		t.Errorf("recv --line printed %q", got)
	}
	got := mustExec(t, s, out, "recv 1 --until two --hex")
	if !strings.Contains(got, "[1] 8 bytes:\n  00000000  6c 69 6e 65 20 74 77 6f") {
		t.Errorf("recv --until --hex printed %q", got)
	}
	peer.(interface{ CloseWrite() error }).CloseWrite()
	got = mustExec(t, s, out, "recv --all")
	want := "[1] 9 bytes: \"\\n\\x1b[2Jtail\"\n[1] the peer finished sending (FIN): end of stream; [1] is now in CLOSE_WAIT until you close it\n"
	if got != want {
		t.Errorf("recv --all printed %q, want %q", got, want)
	}
	// At end of stream a recv is an event, not an error.
	if got := mustExec(t, s, out, "recv"); got != "[1] the peer finished sending (FIN): end of stream; [1] is now in CLOSE_WAIT until you close it\n" {
		t.Errorf("recv at EOF printed %q", got)
	}
}

func TestErrorsAndHints(t *testing.T) {
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	ln.Close() // nothing listens there now: connecting is refused
	for _, tc := range []struct{ line, want string }{
		{"recb", "error: unknown command \"recb\"\nhint: did you mean \"recv\"? (help lists the commands)\n"},
		{"recv", "error: recv: no current socket\nhint: no sockets are open; open one with listen or connect\n"},
		{"connect " + addr, "error: connect tcp " + addr + ": connection refused\nhint: nothing listens on " + addr + " — start a server with: listen tcp :" + fmt.Sprint(netops.Port(addr)) + "\n"},
		{"listen 127.0.0.1:99999", "error: bad port \"99999\": want a number from 0 to 65535\nhint: usage: listen [tcp|udp|tcp4|tcp6|udp4|udp6] [HOST]:PORT [--backlog N] [--tls [--cert FILE --key FILE]] | listen [PROTO] HOST PORT | listen unix PATH | listen ID [BACKLOG]\nhint: help listen explains it\n"},
		{"accept --bogus", "error: unknown option --bogus for accept (it takes --timeout)\n"},
		{"connect 127.0.0.1:1 --timeout 2", "error: --timeout 2 has no unit: write 2s or 2ms\n"},
		{`send "open`, "error: unterminated quote: a \" opened but never closed\n"},
	} {
		got, err := exec(t, s, out, tc.line)
		if err == nil {
			t.Errorf("%s: no error", tc.line)
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.line, got, tc.want)
		}
		for _, l := range strings.Split(strings.TrimSpace(got), "\n") {
			if !strings.HasPrefix(l, "error: ") && !strings.HasPrefix(l, "hint: ") || strings.HasSuffix(l, ".") {
				t.Errorf("%s: badly shaped line %q", tc.line, l)
			}
		}
	}
	mustExec(t, s, out, "listen 127.0.0.1:0")
	got, _ := exec(t, s, out, "close 7")
	if got != "error: no socket [7]\nhint: open sockets: [1] listener (sockets shows them)\n" {
		t.Errorf("close 7: %q", got)
	}
	// The same port again: who holds it.
	got, _ = exec(t, s, out, "listen "+s.Current().LocalAddr())
	if !strings.Contains(got, "address already in use") || !strings.Contains(got, "\nhint: [1] in this shell holds port") {
		t.Errorf("listen twice: %q", got)
	}
	got, _ = exec(t, s, out, "recv --timeout 1ms")
	if !strings.HasPrefix(got, "error: [1] recv") {
		t.Errorf("recv on a listener: %q", got)
	}
}

func TestRecvTimeoutIsError(t *testing.T) {
	s, out := testSession(t, false)
	_, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	got, err := exec(t, s, out, "recv --timeout 20ms")
	if err == nil || !strings.HasPrefix(got, "error: [1] recv tcp "+addr+": timed out\nhint: nothing arrived in time") {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestSocketIDRule checks the rule `help send` documents.
func TestSocketIDRule(t *testing.T) {
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr) // [1]
	p1 := acceptOne(t, ln)
	mustExec(t, s, out, "connect "+addr) // [2], current
	p2 := acceptOne(t, ln)
	read := func(c interface{ Read([]byte) (int, error) }, n int) string {
		b := make([]byte, n)
		io.ReadFull(c, b)
		return string(b)
	}
	mustExec(t, s, out, "send 1 hello")
	if got := read(p1, 5); got != "hello" {
		t.Errorf("send 1 hello: [1]'s peer got %q", got)
	}
	if _, err := exec(t, s, out, "send 1"); err == nil { // 1 is an id: its text is missing
		t.Errorf("send 1: no error")
	}
	mustExec(t, s, out, `send "1"`) // a quoted number is text
	if got := read(p2, 1); got != "1" {
		t.Errorf(`send "1": current's peer got %q`, got)
	}
	mustExec(t, s, out, "send '1' x") // quoted: text
	if got := read(p2, 3); got != "1 x" {
		t.Errorf("send '1' x: current's peer got %q", got)
	}
	mustExec(t, s, out, "send 7 x") // 7 names no socket: text
	if got := read(p2, 3); got != "7 x" {
		t.Errorf("send 7 x: current's peer got %q", got)
	}
	p1.Write([]byte("abc"))
	if got := mustExec(t, s, out, "recv 1 2"); got != "[1] 2 bytes: \"ab\"\n" {
		t.Errorf("recv 1 2: %q", got)
	}
	if got := mustExec(t, s, out, "recv 1"); got != "[1] 1 byte: \"c\"\n" {
		t.Errorf("recv 1: %q", got)
	}
	mustExec(t, s, out, "use 1")
	if s.Current().ID != 1 || s.prompt() != "socklab [1]> " {
		t.Errorf("use 1: current %d, prompt %q", s.Current().ID, s.prompt())
	}
	mustExec(t, s, out, "close; close 2")
	if s.Current() != nil || len(s.Table().List()) != 0 {
		t.Errorf("after closing both: current %v, %d open", s.Current(), len(s.Table().List()))
	}
}

func TestPanicIsRecovered(t *testing.T) {
	s, out := testSession(t, false)
	boom := &Command{Name: "boom", Usage: "boom", Run: func(context.Context, *Session, *Args) error { panic("kaboom") }}
	commandTable = append(commandTable, boom)
	t.Cleanup(func() { commandTable = commandTable[:len(commandTable)-1] })
	got, err := exec(t, s, out, "boom; help quit")
	if err == nil || !strings.HasPrefix(got, "error: internal error in boom: kaboom (please report)\nusage: quit") {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestListenAllInterfacesNote(t *testing.T) {
	s, out := testSession(t, false)
	got := mustExec(t, s, out, "listen :0; listen 0")
	if n := strings.Count(got, "note: listening on all interfaces; use 127.0.0.1:0 to stay local"); n != 1 {
		t.Errorf("note printed %d times:\n%s", n, got)
	}
	if got := mustExec(t, s, out, "listen 127.0.0.1:0"); strings.Contains(got, "note:") {
		t.Errorf("note for a local listen: %q", got)
	}
}

// TestCancel checks that cancelling a waiting accept, recv and connect
// returns promptly, reported as cancelled.
func TestCancel(t *testing.T) {
	s, out := testSession(t, false)
	_, addr := peerListener(t)
	mustExec(t, s, out, "listen 127.0.0.1:0; connect "+addr)
	for _, line := range []string{"accept 1", "recv 2", "connect " + closedPort(t) + " --retry 1h"} {
		got, err := execCancelled(t, s, out, line)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v", line, err)
		}
		if !regexp.MustCompile(`(\[\d\] )?(accept|recv|connect) canceled\n$`).MatchString(got) {
			t.Errorf("%s printed %q", line, got)
		}
	}
}

// TestNotices checks the arrival notices printed for the shell's sockets,
// in both languages.
func TestNotices(t *testing.T) {
	defer words.SetLang(words.EN)
	for _, c := range []struct {
		lang                words.Lang
		client, bytes, peer string
	}{
		{words.EN, "[1] 1 client waiting in the accept queue (accept to take it)",
			"[3] 12 bytes waiting: \"hello world\\n\" (recv to read)",
			"[3] the peer finished sending (FIN): recv returns end of stream"},
		{words.PT, "[1] 1 cliente esperando na fila de accept (accept para pegá-lo)",
			"[3] 12 bytes esperando: \"hello world\\n\" (recv para ler)",
			"[3] o par terminou de enviar (FIN): recv devolve fim do fluxo"},
	} {
		words.SetLang(c.lang)
		s, out := testSession(t, true)
		mustExec(t, s, out, "listen 127.0.0.1:0")
		addr := s.Current().LocalAddr()
		mustExec(t, s, out, "connect "+addr) // [2]
		waitFor(t, out, c.client)
		mustExec(t, s, out, "accept 1") // [3]
		out.take()
		mustExec(t, s, out, `send 2 "hello world\n"`)
		waitFor(t, out, c.bytes)
		out.take()
		mustExec(t, s, out, "recv 3; shutdown 2 write")
		waitFor(t, out, c.peer)
		s.Close()
	}
}

func TestUDP(t *testing.T) {
	s, out := testSession(t, false)
	testnet.NeedUDP(t)
	mustExec(t, s, out, "listen udp 127.0.0.1:0")
	addr := s.Current().LocalAddr()
	mustExec(t, s, out, "connect udp "+addr) // [2]
	mustExec(t, s, out, `send 'ping\n'`)
	got := mustExec(t, s, out, "recvfrom 1 --timeout 5s")
	if !regexp.MustCompile(`^\[1\] 5 bytes from 127\.0\.0\.1:\d+: "ping\\n"\n$`).MatchString(got) {
		t.Errorf("recvfrom: %q", got)
	}
	mustExec(t, s, out, "send 1 PONG") // back to the last sender
	if got := mustExec(t, s, out, "recv 2 --timeout 5s"); got != "[2] 4 bytes: \"PONG\"\n" {
		t.Errorf("recv on [2]: %q", got)
	}
	mustExec(t, s, out, fmt.Sprintf("sendto 1 %s --hex 00ff", s.Current().LocalAddr()))
	if got := mustExec(t, s, out, "recv 2 --timeout 5s --hex"); !strings.Contains(got, "00 ff") {
		t.Errorf("recv --hex: %q", got)
	}
}

// TestLuaBackground: `lua CODE &` runs the chunk in the background, so the
// shell plays the client of a server written inline; `lua &` alone is an
// error.
func TestLuaBackground(t *testing.T) {
	s, out := testSession(t, false)
	got := mustExec(t, s, out, `lua 'local l = assert(net.listen("tcp", "127.0.0.1:0")) print("at " .. select(2, l:localaddr()) .. " ok") local c = l:accept() c:send("hi\n") c:close() l:close()' &`)
	if !strings.Contains(got, "the Lua chunk running in the background") {
		t.Fatalf("lua &: %q", got)
	}
	port := regexp.MustCompile(`at (\d+)`).FindStringSubmatch(waitFor(t, out, " ok"))
	mustExec(t, s, out, "connect 127.0.0.1:"+port[1])
	if got := mustExec(t, s, out, "recv --all --timeout 5s"); !strings.Contains(got, `"hi\n"`) {
		t.Errorf("recv from the background chunk: %q", got)
	}
	if got, err := exec(t, s, out, "lua &"); err == nil || !strings.Contains(got, "lua needs code") {
		t.Errorf("lua &: %v %q", err, got)
	}
	// A quoted "&" at the end is the code's own: it runs in the foreground.
	if got := mustExec(t, s, out, `lua 'print("fg") -- &'`); strings.Contains(got, "background") || !strings.Contains(got, "fg") {
		t.Errorf(`lua 'print("fg") -- &': %q`, got)
	}
}
