package repl

import (
	"net"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestReadmeTranscripts replays the README's shell transcripts that need
// no peer but the session itself ("A session" and the teaching section's
// misuse) command by command and compares what each command prints with
// the lines the README shows after it. What differs from run to run is
// made equal on both sides first: the server's port (8888 in the README,
// a free one here), client ports, descriptors, ages, the backlog and runs
// of spaces in table columns.
func TestReadmeTranscripts(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the README's transcripts are Linux's (its Windows and macOS section says what differs)")
	}
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, first := range []string{"socklab> listen 127.0.0.1:8888\n", "socklab> socket tcp\n"} {
		t.Run(strings.Fields(first)[1], func(t *testing.T) {
			block := readmeBlock(t, string(b), first)
			port := freePort(t)
			s, out := testSession(t, false)
			steps := readmeSteps(block)
			if len(steps) < 2 {
				t.Fatalf("README block starting %q has %d commands", first, len(steps))
			}
			for _, st := range steps {
				line := strings.ReplaceAll(st.cmd, "8888", port)
				got, _ := exec(t, s, out, line)
				g := readmeNormal(strings.ReplaceAll(got, ":"+port, ":8888"))
				w := readmeNormal(st.want)
				if g != w {
					t.Errorf("%s\nprinted:\n%s\nthe README shows:\n%s", st.cmd, got, st.want)
				}
			}
		})
	}
}

// readmeBlock returns the fenced text block of doc that starts with first.
func readmeBlock(t *testing.T, doc, first string) string {
	t.Helper()
	i := strings.Index(doc, "```text\n"+first)
	if i < 0 {
		t.Fatalf("README has no transcript starting %q", first)
	}
	block := doc[i+len("```text\n"):]
	end := strings.Index(block, "```")
	if end < 0 {
		t.Fatalf("README transcript starting %q is not closed", first)
	}
	return block[:end]
}

type readmeStep struct{ cmd, want string }

var promptRE = regexp.MustCompile(`^socklab(?: \[\d+\])?> (.*)$`)

// readmeSteps splits a transcript into commands and what each printed.
func readmeSteps(block string) []readmeStep {
	var steps []readmeStep
	for _, l := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		if m := promptRE.FindStringSubmatch(l); m != nil {
			steps = append(steps, readmeStep{cmd: m[1]})
			continue
		}
		if len(steps) > 0 {
			steps[len(steps)-1].want += l + "\n"
		}
	}
	return steps
}

var readmeVarying = []struct {
	re  *regexp.Regexp
	new string
}{
	{regexp.MustCompile(`127\.0\.0\.1:(?:[1-9]\d{3,4})\b`), "127.0.0.1:P"},
	{regexp.MustCompile(`\bfd \d+`), "fd N"},
	{regexp.MustCompile(`(?m) \d+s(  |$)`), " Ns$1"},
	{regexp.MustCompile(`queue (\d+)/\d+`), "queue $1/B"},
	{regexp.MustCompile(`[ \t]+`), " "},
}

// readmeNormal makes what varies between runs equal (see
// TestReadmeTranscripts); the server's port is 8888 on both sides by then.
func readmeNormal(s string) string {
	keep := strings.ReplaceAll(s, "127.0.0.1:8888", "SERVER")
	for _, v := range readmeVarying {
		keep = v.re.ReplaceAllString(keep, v.new)
	}
	return strings.TrimSpace(keep)
}

// freePort returns a port of 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}
