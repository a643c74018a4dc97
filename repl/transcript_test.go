package repl

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/socklab/socklab/internal/testnet"
	"github.com/socklab/socklab/words"
)

func TestMain(m *testing.M) {
	// Tests and fuzzing send traffic to the loopback range only: a host
	// name must fail at once, never query a DNS server (/etc/hosts, as
	// for localhost, still works).
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("tests ask no DNS server: use an IP address")
	}}
	testscript.Main(m, map[string]func(){"socklab": socklabMain})
}

// socklabMain is main.go's shell path: the language (--lang, else the
// locale's variables), the -c flag, then [Run].
func socklabMain() {
	words.SetLang(words.FromEnv(os.Getenv))
	if len(os.Args) > 2 && os.Args[1] == "--lang" {
		l, ok := words.Parse(os.Args[2])
		if !ok {
			os.Exit(2)
		}
		words.SetLang(l)
		os.Args = append(os.Args[:1], os.Args[3:]...)
	}
	fs := flag.NewFlagSet("socklab", flag.ContinueOnError)
	cmds := fs.String("c", "", "commands")
	if fs.Parse(os.Args[1:]) != nil {
		os.Exit(2)
	}
	hasC := false
	fs.Visit(func(f *flag.Flag) { hasC = hasC || f.Name == "c" })
	os.Exit(Run(Options{Commands: *cmds, HasCommands: hasC, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
}

// TestTranscripts runs the golden shell transcripts in testdata/*.txtar
// through the non-interactive entry. Each script sees these peers, run by
// the test on 127.0.0.1 ports the kernel picked:
//
//	$ECHO     TCP: echoes every chunk back; closes when the client does
//	$GREET    TCP: sends "220 ready\r\n", then answers each line "you said: LINE\n"
//	$UDPECHO  UDP: echoes every datagram
//	$REFUSED  a port where nothing listens
//	$FREE     a port free a moment ago, for the shell to listen on
//
// expandenv FILE replaces $NAME in FILE by its value, for stdin sessions;
// cmpnorm compares output with a golden file after writing those
// addresses as their names (a lone :PORT of theirs as :$NAME_PORT) and any other 127.0.0.1 port as PORT, and
// runs of spaces as two; explain's narration has its descriptors written
// as "fd N", the host's default backlog (somaxconn) as SOMAXCONN, and the
// state a passive close races to (LAST_ACK or CLOSED) as one.
func TestTranscripts(t *testing.T) {
	peers := map[string]string{
		"ECHO":    serveTCP(t, echo),
		"GREET":   serveTCP(t, greet),
		"REFUSED": closedPort(t),
	}
	udp, _ := testnet.UDPWorks()
	if udp {
		peers["UDPECHO"] = serveUDPEcho(t)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata",
		Condition: func(cond string) (bool, error) {
			if cond == "udp" { // [!udp] skip: UDP sockets cannot be opened here (Wine 8)
				return udp, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(e *testscript.Env) error {
			for k, v := range peers {
				e.Setenv(k, v)
			}
			free := closedPort(t)
			e.Setenv("FREE", free[strings.LastIndex(free, ":")+1:])
			e.Setenv("NO_COLOR", "1")
			e.Setenv("HOME", e.WorkDir)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"expandenv": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, f := range args {
					ts.Check(os.WriteFile(ts.MkAbs(f), []byte(os.Expand(ts.ReadFile(f), ts.Getenv)), 0o644))
				}
			},
			"cmpnorm": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: cmpnorm stdout|stderr|FILE GOLDEN")
				}
				got := ts.ReadFile(args[0])
				want := ts.ReadFile(args[1])
				got, want = spaces.ReplaceAllString(normalise(got, ts.Getenv), "  "), spaces.ReplaceAllString(want, "  ")
				if got != want {
					ts.Logf("got:\n%s", got)
					ts.Fatalf("%s differs from %s", args[0], args[1])
				}
			},
		},
	})
}

var (
	portRE = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	spaces = regexp.MustCompile(`  +`) // column widths change with the port numbers
)

// normalise writes the peers' addresses as $NAME, the FREE port as $FREE,
// and other loopback ports (ephemeral ones) as PORT.
func normalise(s string, getenv func(string) string) string {
	names := []string{"ECHO", "GREET", "UDPECHO", "REFUSED"}
	sort.Strings(names)
	for _, n := range names {
		if getenv(n) == "" { // no such peer here (UDPECHO where UDP cannot be opened)
			continue
		}
		s = strings.ReplaceAll(s, getenv(n), "$"+n)
		_, port, _ := net.SplitHostPort(getenv(n))
		s = regexp.MustCompile(`:`+port+`\b`).ReplaceAllLiteralString(s, ":$"+n+"_PORT")
	}
	s = fdRE.ReplaceAllString(s, "fd N")
	if n := somaxconn(); n != "" {
		s = strings.ReplaceAll(s, "backlog "+n+")", "backlog SOMAXCONN)")
	}
	s = passiveRE.ReplaceAllString(s, "${1}LAST_ACK or CLOSED")
	s = strings.ReplaceAll(s, "[FIN_WAIT_2]", "[FIN_WAIT_1]") // whether the ACK is back yet
	s = strings.ReplaceAll(s, "127.0.0.1:"+getenv("FREE"), "127.0.0.1:$FREE")
	s = strings.ReplaceAll(s, ":"+getenv("FREE")+" ", ":$FREE ")
	return portRE.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(m, "$") {
			return m
		}
		return "127.0.0.1:PORT"
	})
}

// somaxconn returns the host's default listen backlog, as Linux reports
// it, or "" elsewhere: explain shows it where a listen asks for no backlog.
func somaxconn() string {
	b, err := os.ReadFile("/proc/sys/net/core/somaxconn")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// serveTCP runs handle for each connection to a new loopback listener.
func serveTCP(t *testing.T, handle func(net.Conn)) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				handle(c)
			}()
		}
	}()
	return ln.Addr().String()
}

func echo(c net.Conn) { io.Copy(c, c) }

func greet(c net.Conn) {
	io.WriteString(c, "220 ready\r\n")
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		if sc.Text() == "quit" {
			return
		}
		io.WriteString(c, "you said: "+sc.Text()+"\n")
	}
}

func serveUDPEcho(t *testing.T) string {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		b := make([]byte, 65536)
		for {
			n, from, err := pc.ReadFrom(b)
			if err != nil {
				return
			}
			pc.WriteTo(b[:n], from)
		}
	}()
	return pc.LocalAddr().String()
}

// closedPort returns a loopback address that was free a moment ago.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
