package check

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socklab/socklab/words"
)

var parseCases = []struct {
	args []string
	want args
	bad  string // a piece of the usage error, when it is one
}{
	{args: nil, want: args{}},
	{args: []string{"echo-server"}, want: args{exercise: "echo-server"}},
	{args: []string{"echo-server", "9000"}, want: args{exercise: "echo-server", addr: "127.0.0.1:9000"}},
	{args: []string{"echo-server", ":9000", "--json"}, want: args{exercise: "echo-server", addr: "127.0.0.1:9000", json: true}},
	{args: []string{"--timeout", "5s", "udp-client", "localhost:65431", "--", "python3", "c.py", "--json"},
		want: args{exercise: "udp-client", addr: "localhost:65431", timeout: 5 * time.Second, command: []string{"python3", "c.py", "--json"}}},
	{args: []string{"number-client", "--timeout=2", "--gradescope", "r.json", "--", "./client"},
		want: args{exercise: "number-client", timeout: 2 * time.Second, gradescope: "r.json", command: []string{"./client"}}},
	{args: []string{"echo-server", "--timeout", "soon"}, bad: "bad timeout"},
	{args: []string{"echo-server", "--timeout", "-1s"}, bad: "bad timeout"},
	{args: []string{"echo-server", "--timeout"}, bad: "needs a value"},
	{args: []string{"echo-server", "host:99999"}, bad: "bad address"},
	{args: []string{"echo-server", "a:1", "extra"}, bad: "unexpected argument"},
	{args: []string{"echo-server", "--verbose"}, bad: "unknown option"},
	{args: []string{"echo-server", "--"}, bad: "nothing after --"},
	{args: []string{"echo-server", "--lang", "fr"}, bad: "unknown language"},
}

func TestParseArgs(t *testing.T) {
	for _, c := range parseCases {
		got, err := parseArgs(c.args)
		if c.bad != "" {
			if err == nil || !strings.Contains(err.Error(), c.bad) {
				t.Errorf("%q: want an error with %q, got %v", c.args, c.bad, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if got.exercise != c.want.exercise || got.addr != c.want.addr || got.timeout != c.want.timeout ||
			got.json != c.want.json || got.gradescope != c.want.gradescope || !slices.Equal(got.command, c.want.command) {
			t.Errorf("%q: got %+v, want %+v", c.args, got, c.want)
		}
	}
}

// runMain runs Main and returns its status, stdout and stderr.
func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	defer words.SetLang(words.EN)
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code := Main(ctx, args, &out, &errb, false)
	return code, out.String(), errb.String()
}

func TestMainStatus(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{nil, 0, "number-client"},
		{[]string{"--help"}, 0, "Exit status"},
		{[]string{"echo-srv"}, 2, "no exercise named"},
		{[]string{"echo-client"}, 2, "checks a client"},
		{[]string{"echo-server", "--timeout", "x"}, 2, "bad timeout"},
		{[]string{"--lang", "pt"}, 0, "exercícios"},
	} {
		code, out, errs := runMain(t, c.args...)
		if code != c.code || !strings.Contains(out+errs, c.says) {
			t.Errorf("%q: status %d (want %d), output %q (want %q)", c.args, code, c.code, out+errs, c.says)
		}
	}
}

// TestMainReports: the exit status, --json and --gradescope for a server
// that passes and one that fails.
func TestMainReports(t *testing.T) {
	good := goEchoServer(t)
	bad := freePort(t) // nothing listens there
	dir := t.TempDir()
	for _, c := range []struct {
		port   string
		code   int
		passed bool
	}{{good, 0, true}, {bad, 1, false}} {
		file := filepath.Join(dir, c.port+".json")
		code, out, _ := runMain(t, "echo-server", c.port, "--timeout", "500ms", "--json", "--gradescope", file)
		if code != c.code {
			t.Errorf("port %s: status %d, want %d", c.port, code, c.code)
		}
		var rep Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Passed != c.passed || len(rep.Cases) != 4 {
			t.Fatalf("--json: %v: %s", err, out)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var g gradescope
		if err := json.Unmarshal(b, &g); err != nil || len(g.Tests) != 4 {
			t.Fatalf("--gradescope: %v: %s", err, b)
		}
		want := 0.0
		if c.passed {
			want = 4
		}
		if g.Score != want || g.Tests[0].MaxScore != 1 || (g.Tests[0].Status == "passed") != c.passed || g.Tests[0].Output == "" {
			t.Errorf("--gradescope: %s", b)
		}
	}
}

// TestPortuguese: a failing case explains itself in Portuguese, with the
// colours only when asked for.
func TestPortuguese(t *testing.T) {
	port := freePort(t)
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	rep := Run(context.Background(), Lookup("echo-server"), Options{Addr: "127.0.0.1:" + port, Timeout: 300 * time.Millisecond})
	var plain, color bytes.Buffer
	WriteText(&plain, rep, false)
	WriteText(&color, rep, true)
	if !strings.Contains(plain.String(), "conexão recusada") || !strings.Contains(plain.String(), "FALHA") {
		t.Errorf("not in Portuguese:\n%s", plain.String())
	}
	if strings.Contains(plain.String(), "\x1b[") || !strings.Contains(color.String(), "\x1b[31m") {
		t.Errorf("colours: plain has them or coloured lacks them")
	}
}

// FuzzParseArgs: any command line parses to arguments or a usage error,
// never a panic.
func FuzzParseArgs(f *testing.F) {
	f.Add("echo-server 127.0.0.1:65432 --timeout 2s --json -- python3 server.py")
	f.Add("--gradescope= --lang pt udp-client :1 --")
	f.Fuzz(func(t *testing.T, line string) {
		defer words.SetLang(words.EN)
		a, err := parseArgs(strings.Fields(line))
		if err == nil && a.timeout < 0 {
			t.Fatalf("%q: negative timeout", line)
		}
	})
}

// TestGradescopeFile: a results file that cannot be written is said before
// the program runs (no report, no run, exit status 2: not checked, not
// failed); one already there is replaced
// whole, however long it was.
func TestGradescopeFile(t *testing.T) {
	good := goEchoServer(t)
	dir := t.TempDir()
	ran := filepath.Join(dir, "ran")
	code, out, errs := runMain(t, "echo-server", freePort(t), "--timeout", "500ms", "--gradescope", filepath.Join(dir, "missing", "r.json"), "--", "touch", ran)
	if _, err := os.Stat(ran); code != 2 || out != "" || !strings.Contains(errs, "cannot write") || err == nil {
		t.Errorf("unwritable file: status %d, stdout %q, stderr %q, program run: %v", code, out, errs, err == nil)
	}
	file := filepath.Join(dir, "r.json")
	if err := os.WriteFile(file, bytes.Repeat([]byte("x"), 1<<16), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runMain(t, "echo-server", good, "--timeout", "500ms", "--gradescope", file); code != 0 {
		t.Fatalf("status %d: %s", code, errs)
	}
	b, err := os.ReadFile(file)
	var g gradescope
	if err != nil || json.Unmarshal(b, &g) != nil || g.Score != 4 {
		t.Errorf("results file not replaced: %v: %.80s", err, b)
	}
}

// TestGradescopeNotRegular: --gradescope to a file that is not a regular
// one (a pipe, /dev/stdout, the null device) is written, not truncated:
// a run that passed exits 0.
func TestGradescopeNotRegular(t *testing.T) {
	good := goEchoServer(t)
	code, _, errs := runMain(t, "echo-server", good, "--timeout", "500ms", "--gradescope", os.DevNull)
	if code != 0 || errs != "" {
		t.Fatalf("--gradescope %s: status %d, stderr %q", os.DevNull, code, errs)
	}
}
