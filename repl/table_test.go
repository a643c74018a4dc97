package repl

import (
	"github.com/socklab/socklab/words"
	"strings"
	"testing"
)

// TestCommandTable walks the table: every command has usage, summary, help
// and an example; names are unique; every example parses against it.
func TestCommandTable(t *testing.T) {
	s, out := testSession(t, false)
	// Sockets 1 and 2 exist, so that examples naming them resolve.
	mustExec(t, s, out, "listen 127.0.0.1:0")
	addr := s.Current().LocalAddr()
	mustExec(t, s, out, "connect "+addr)
	seen := map[string]bool{}
	for _, c := range Commands() {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if seen[n] {
				t.Errorf("name %q used twice", n)
			}
			seen[n] = true
		}
		for _, part := range []string{"summary", "text", "calls"} {
			if !words.Has("help." + c.Name + "." + part) {
				t.Errorf("%s: the catalog has no help.%s.%s", c.Name, c.Name, part)
			}
		}
		if c.Usage == "" || len(c.Examples) == 0 || c.Run == nil {
			t.Errorf("%s: usage, summary, help, calls, examples and run are all required", c.Name)
		}
		if !strings.HasPrefix(c.Usage, c.Name) {
			t.Errorf("%s: usage %q does not start with the name", c.Name, c.Usage)
		}
		for _, f := range c.Flags {
			if !words.Has("help."+c.Name+".flag."+f.Name) || strings.HasPrefix(f.Name, "-") {
				t.Errorf("%s --%s: needs help, and a name without dashes", c.Name, f.Name)
			}
		}
		for _, ex := range c.Examples {
			stmts, err := tokenize(ex)
			if err != nil || len(stmts) != 1 {
				t.Errorf("%s: example %q does not tokenize: %v", c.Name, ex, err)
				continue
			}
			if lookup(stmts[0][0].Text) != c {
				t.Errorf("%s: example %q runs another command", c.Name, ex)
			}
			toks := stmts[0][1:]
			if _, err := s.parse(c, toks); err != nil {
				t.Errorf("%s: example %q does not parse: %v", c.Name, ex, err)
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ typed, want string }{
		{"recb", "recv"}, {"rcev", "recv"}, {"lsiten", "listen"}, {"conect", "connect"},
		{"sendlin", "sendline"}, {"sokcets", "sockets"}, {"xyzzy", ""}, {"q", ""},
	} {
		if got := suggest(tc.typed); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
}

func TestComplete(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0")
	c := completer{s, &rlSource{}}
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"recv", []string{" ", "from "}},
		{"recv --ti", []string{"meout "}},
		{"close ", []string{"1 "}},
		{"help sendl", []string{"ine "}},
		{"listen 1; acc", []string{"ept "}},
		{"shutdown w", []string{"rite "}},
		{"recv --timeout ", nil},
	} {
		got, _ := c.Do([]rune(tc.line), len([]rune(tc.line)))
		var gs []string
		for _, g := range got {
			gs = append(gs, string(g))
		}
		if strings.Join(gs, "|") != strings.Join(tc.want, "|") {
			t.Errorf("complete %q = %q, want %q", tc.line, gs, tc.want)
		}
	}
	c.src.reading.Store(true) // interact: the line is data
	if got, _ := c.Do([]rune("rec"), 3); got != nil {
		t.Errorf("complete while data is typed = %q, want nothing", got)
	}
}
