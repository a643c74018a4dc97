package repl

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// teachBuf collects a session's output for these tests.
type teachBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *teachBuf) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *teachBuf) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.b.String()
	b.b.Reset()
	return s
}

// teachSession returns a non-interactive session printing into one buffer.
func teachSession(t *testing.T) (*Session, *teachBuf) {
	t.Helper()
	out := &teachBuf{}
	s := newSession(config{out: out, errOut: out})
	t.Cleanup(s.Close)
	return s, out
}

// teachExec runs line with a bounded context and returns its output.
func teachExec(t *testing.T, s *Session, out *teachBuf, line string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := s.Exec(ctx, line)
	return out.take(), err
}

// teachMust is teachExec that fails the test when the line fails.
func teachMust(t *testing.T, s *Session, out *teachBuf, line string) string {
	t.Helper()
	got, err := teachExec(t, s, out, line)
	if err != nil {
		t.Fatalf("%s: %v\n%s", line, err, got)
	}
	return got
}

var updateTeach = flag.Bool("update-teach", false, "rewrite repl/testdata/teach/*.golden")

var (
	fdRE      = regexp.MustCompile(`fd \d+`)
	loopRE    = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	portNumRE = regexp.MustCompile(`port \d+`)
	// The passive side's close races the peer's ACK on loopback.
	passiveRE = regexp.MustCompile(`(?m)^(  close\(fd N\)\s+).*(LAST_ACK|gone from the kernel|não existe mais no kernel).*$`)
)

// normaliseTeach replaces what changes from run to run: descriptors,
// loopback ports, and the state a passive close reports.
func normaliseTeach(s string) string {
	s = fdRE.ReplaceAllString(s, "fd N")
	if n := somaxconn(); n != "" { // the host's default backlog, where listen asks for none
		s = strings.ReplaceAll(s, "backlog "+n+")", "backlog SOMAXCONN)")
	}
	s = loopRE.ReplaceAllString(s, "127.0.0.1:PORT")
	s = portNumRE.ReplaceAllString(s, "port N")
	s = passiveRE.ReplaceAllString(s, "${1}LAST_ACK or CLOSED")
	s = strings.ReplaceAll(s, "[FIN_WAIT_2]", "[FIN_WAIT_1]") // whether the ACK is back yet
	return regexp.MustCompile(` +`).ReplaceAllString(s, " ")  // column padding depends on the width of ports and fds
}

// checkGolden compares got with testdata/teach/NAME.golden.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "teach", name+".golden")
	if *updateTeach {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

// logRun returns a function that runs one line (failing or not) and
// appends "> line" and its output to log, for a golden transcript.
func logRun(t *testing.T, s *Session, out *teachBuf, log *strings.Builder) func(string) {
	return func(line string) {
		t.Helper()
		got, _ := teachExec(t, s, out, line)
		log.WriteString("> " + line + "\n" + got)
	}
}

// linuxNarration skips a test whose golden narration is Linux's: its
// descriptor numbers, TCP_INFO's states and queues, the kernel's answer to
// each misuse. (Windows' step calls are tested under Wine by CI's sessions.)
func linuxNarration(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the golden narration is Linux's (descriptors, TCP_INFO, the kernel's answer to each misuse)")
	}
}

// TestExplainStepServer builds a server and a client one call at a time with
// explain on, through the shell, and compares the narration with a golden
// file.
func TestExplainStepServer(t *testing.T) {
	linuxNarration(t)
	s, out := teachSession(t)
	var all strings.Builder
	run := logRun(t, s, out, &all)
	run("explain on")
	run("socket tcp")
	run("bind 1 127.0.0.1:0")
	run("listen 1 2")
	addr := s.table.List()[0].LocalAddr()
	run("socket tcp")
	run("connect 2 " + addr)
	run("accept 1")
	run("send 2 hello")
	run("recv 3")
	run("shutdown 2 write")
	run("recv 3")
	run("close 3")
	run("close 2")
	run("close 1")
	run("explain off")
	checkGolden(t, "explain_step", normaliseTeach(all.String()))
}

// TestExplainMistakes shows the errno of each classic mistake.
func TestExplainMistakes(t *testing.T) {
	linuxNarration(t)
	s, out := teachSession(t)
	var all strings.Builder
	run := logRun(t, s, out, &all)
	run("explain on")
	run("listen tcp 127.0.0.1:0 --backlog 3")
	addr := s.table.List()[0].LocalAddr()
	run("socket tcp")
	run("recv 2")
	run("accept 2")
	run("send 2 x")
	run("bind 2 " + addr)
	run("bind 2 127.0.0.1:0")
	run("bind 2 127.0.0.1:0")
	run("socket udp")
	run("listen 3")
	checkGolden(t, "explain_mistakes", normaliseTeach(all.String()))
}

// TestExplainRecvReset: with explain on, a recv that the peer's RST
// fails shows its call and errno, as a failed send does.
func TestExplainRecvReset(t *testing.T) {
	linuxNarration(t)
	s, out := teachSession(t)
	teachMust(t, s, out, "listen tcp 127.0.0.1:0")
	addr := s.table.List()[0].LocalAddr()
	teachMust(t, s, out, "connect "+addr)
	teachMust(t, s, out, "accept 1")
	teachMust(t, s, out, "option 2 linger 0")
	teachMust(t, s, out, "close 2") // RST
	teachMust(t, s, out, "explain on")
	got, _ := teachExec(t, s, out, "recv 3")
	if !regexp.MustCompile(`recv\(fd \d+\) = -1 ECONNRESET +\S`).MatchString(got) {
		t.Fatalf("recv after a reset, with explain on:\n%s", got)
	}
}

// TestNetstatTimeWait: the side that closes first keeps the connection in
// TIME_WAIT, held by no descriptor; netstat shows it.
func TestNetstatTimeWait(t *testing.T) {
	s, out := teachSession(t)
	teachMust(t, s, out, "listen tcp 127.0.0.1:0")
	addr := s.table.List()[0].LocalAddr()
	teachMust(t, s, out, "connect "+addr)
	teachMust(t, s, out, "accept 1")
	teachMust(t, s, out, "close 2") // the client closes first
	got := teachMust(t, s, out, "recv 3")
	if !strings.Contains(got, "end of stream") {
		t.Fatalf("recv: %q", got)
	}
	teachMust(t, s, out, "close 3")
	end := time.Now().Add(5 * time.Second)
	for {
		got = teachMust(t, s, out, "netstat")
		if strings.Contains(got, "TIME_WAIT") || time.Now().After(end) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !regexp.MustCompile(`tcp\s+127\.0\.0\.1:\d+\s+` + regexp.QuoteMeta(addr) + `\s+TIME_WAIT\s+0\s+0\s+no descriptor \(kernel\)`).MatchString(got) {
		t.Fatalf("netstat:\n%s", got)
	}
	if !regexp.MustCompile(regexp.QuoteMeta(addr) + `\s+\*:\*\s+LISTEN\s+0\s+\d+\s+socklab \[1\]`).MatchString(got) {
		t.Fatalf("netstat lacks the listener:\n%s", got)
	}
}

func TestOptionCommand(t *testing.T) {
	s, out := teachSession(t)
	teachMust(t, s, out, "socket tcp")
	got := teachMust(t, s, out, "option")
	for _, n := range []string{"reuseaddr", "reuseport", "nodelay", "keepalive", "linger", "rcvbuf", "sndbuf"} {
		if !strings.Contains(got, "[1] "+n) {
			t.Errorf("option lacks %s:\n%s", n, got)
		}
	}
	if got := teachMust(t, s, out, "option 1 linger 0"); got != "[1] linger 0\n" {
		t.Errorf("option linger 0: %q", got)
	}
	if got := teachMust(t, s, out, "option nodelay"); got != "[1] nodelay off\n" {
		t.Errorf("option nodelay: %q", got)
	}
	if _, err := teachExec(t, s, out, "option 1 bogus on"); err == nil {
		t.Error("option bogus: no error")
	}
}

func TestRecord(t *testing.T) {
	s, out := teachSession(t)
	path := filepath.Join(t.TempDir(), "lab.md")
	teachMust(t, s, out, "record "+path)
	teachMust(t, s, out, "listen tcp 127.0.0.1:0; sockets")
	teachExec(t, s, out, "bind 9 :0")
	teachMust(t, s, out, "record off")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	wants := []string{"# socklab lab report", "## 1. `listen tcp 127.0.0.1:0`", "> listen tcp 127.0.0.1:0\n[1] tcp listen 127.0.0.1:", "## 2. `sockets`", "## 3. `bind 9 :0`", "error: no socket [9]"}
	if runtime.GOOS == "linux" {
		wants = append(wants, "queue 0/") // a listener's queue and backlog: Linux's TCP_INFO
	}
	for _, want := range wants {
		if !strings.Contains(md, want) {
			t.Errorf("record lacks %q:\n%s", want, md)
		}
	}
	if strings.Count(md, "```") != 6 || strings.Contains(md, "record off") {
		t.Errorf("record:\n%s", md)
	}
}
