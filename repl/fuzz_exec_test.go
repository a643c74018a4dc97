package repl

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/netops"
)

// execSeeds are lines that reach every command's argument parsing, good
// and bad; testdata/fuzz/FuzzExec holds them (and finds) as a corpus too.
var execSeeds = []string{
	"help", "help send", "help nosuch", "sockets", "use 1", "use x", "close 7",
	"listen 127.0.0.1:0; sockets; close", "listen udp 127.0.0.1:0; recvfrom --timeout 1ms",
	"listen 127.0.0.1:0; connect 127.0.0.1:1", "listen 127.0.0.1:0 --backlog -1",
	"listen 127.0.0.1:70000", "listen 127.0.0.1:http", "accept --timeout 1ms",
	"listen 127.0.0.1:0; accept --timeout 5ms; recv", "connect", "connect 127.0.0.1:1 --retry 1ms --tries 2",
	"connect 127.0.0.1:1 --timeout 2", "connect 127.0.0.1:1 --timeout -1s",
	"send", "send --hex zz", `send "\xZZ"`, `send \x4`, "sendline", "recv --line --all",
	"recv 0", "recv -1", "recv --until ''", "sendto 127.0.0.1:9 hi",
	"socket tcp; bind 1 127.0.0.1:0; listen 1 5; option 1 nodelay 1; option 1 linger 0; netstat",
	"socket udp; option 1 rcvbuf 99999999999999999999", "explain on; listen 127.0.0.1:0; explain off",
	"shutdown 1 sideways", "interact", `send "unterminated`, "quit; sockets", "# comment only",
	";;;", "\x00\xff\x1b[2J", strings.Repeat("a", 4096),
	// sizes and integers near and past their limits
	"listen udp 127.0.0.1:0; recvfrom 9223372036854775807 --timeout 1ms",
	"listen udp 127.0.0.1:0; recvfrom 1 268435456 --timeout 1ms", "listen udp 127.0.0.1:0; recvfrom 1 268435457",
	"listen 127.0.0.1:0; recv 1 --all 9223372036854775807 --timeout 1ms", "recv 9223372036854775808",
	"listen 127.0.0.1:0 --backlog 4294967296", "listen 127.0.0.1:0 --backlog 2147483648",
	"socket tcp; option 1 linger 4294967296", "socket tcp; option 1 rcvbuf 2147483648",
	"listen 127.0.0.1:0; accept --timeout 0.5ns", "listen 127.0.0.1:0; close 1; recv 1",
}

// loopbackOnly reports whether every address in line's network commands is
// on the loopback interface, so that the fuzzer never reaches another host
// or opens a port on all interfaces. It also keeps the fuzzer away from
// commands that run code or write files (run, lua, record) and from device
// files that never end (send --file /dev/zero).
func loopbackOnly(line string) bool {
	if strings.Contains(line, "/dev") || strings.Contains(line, "/proc") || strings.Contains(line, "/sys") {
		return false
	}
	stmts, err := tokenize(line)
	if err != nil {
		return true // Exec stops at the tokenizer
	}
	for _, st := range stmts {
		cmd := lookup(st[0].Text)
		if cmd == nil {
			continue
		}
		switch cmd.Name {
		case "run", "lua", "record":
			return false
		case "listen", "connect", "sendto", "bind":
		default:
			continue
		}
		var words []token
		for _, w := range st[1:] {
			if !strings.HasPrefix(w.Text, "--") || w.Quoted {
				words = append(words, w)
			}
		}
		if len(words) > 0 {
			if _, err := netops.ParseProto(words[0].Text); err == nil {
				words = words[1:]
			}
		}
		if len(words) == 1 && isUint(words[0].Text) && cmd.Name == "listen" {
			return false // listen PORT: all interfaces
		}
		for _, w := range words {
			if !strings.Contains(w.Text, ":") {
				continue // an id, a backlog, text: never an address here
			}
			addr, err := netops.ParseAddr(w.Text)
			if err != nil {
				continue
			}
			host, _, _ := net.SplitHostPort(addr)
			if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
				return false
			}
		}
	}
	return true
}

// FuzzExec gives any line to Session.Exec on an empty table: it must never
// panic (the shell turns a panic into "internal error ... please report",
// which fails here too), every failure must be printed as an "error:" line,
// and it must return within a bound.
func FuzzExec(f *testing.F) {
	for _, s := range execSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if len(line) > 1<<16 || !loopbackOnly(line) {
			t.Skip()
		}
		out := &syncBuffer{}
		s := newSession(config{out: out, errOut: out})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- s.Exec(ctx, line) }()
		var err error
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Exec(%q) still running after 10 s", line)
		}
		closed := make(chan struct{})
		go func() { s.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(5 * time.Second):
			t.Fatalf("Close after Exec(%q) still running after 5 s", line)
		}
		got := out.everything()
		if strings.Contains(got, "internal error") {
			t.Fatalf("Exec(%q) panicked (took %v):\n%s", line, time.Since(start), got)
		}
		if err != nil && ctx.Err() == nil && !strings.Contains(got, "error: ") {
			t.Fatalf("Exec(%q) = %v but printed no error line:\n%s", line, err, got)
		}
	})
}
