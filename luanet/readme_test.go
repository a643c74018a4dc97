package luanet

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeExamples runs every Lua example of the README's section on
// tasks, queues, exact reads and options, each bounded (runLua).
func TestReadmeExamples(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	const head = "### Tasks, queues, exact reads and options"
	i := strings.Index(doc, head)
	if i < 0 {
		t.Fatal("README has no section " + head)
	}
	sec := doc[i+len(head):]
	if j := strings.Index(sec, "\n### "); j >= 0 {
		sec = sec[:j]
	}
	n := 0
	for {
		k := strings.Index(sec, "```lua\n")
		if k < 0 {
			break
		}
		sec = sec[k+len("```lua\n"):]
		end := strings.Index(sec, "```")
		code := sec[:end]
		sec = sec[end+3:]
		n++
		out, errs, err := runLua(t, code, Options{})
		if err != nil {
			t.Errorf("example %d: %v\n%s\noutput:\n%s\nstderr:\n%s", n, err, code, out, errs)
			continue
		}
		// The "-- value" comment after a print is what it prints (up to a
		// ": " or " (" that explains it), compared word by word.
		var want []string
		for _, l := range strings.Split(code, "\n") {
			if p := strings.Index(l, "print("); p >= 0 {
				if c := strings.Index(l[p:], "-- "); c >= 0 {
					c += p
					w := strings.TrimSpace(l[c+3:])
					if p := strings.Index(w, " ("); p >= 0 {
						w = w[:p]
					}
					if p := strings.Index(w, ": "); p >= 0 {
						w = w[:p]
					}
					want = append(want, strings.Join(strings.Fields(w), " "))
				}
			}
		}
		var got []string
		for _, l := range lines(out) {
			got = append(got, strings.Join(strings.Fields(l), " "))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("example %d printed:\n%s\nthe README says:\n%s", n, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if n < 5 {
		t.Errorf("found %d examples, want at least 5", n)
	}
}
