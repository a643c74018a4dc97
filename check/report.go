package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/socklab/socklab/words"
)

const (
	green = "\x1b[32m"
	red   = "\x1b[31m"
	bold  = "\x1b[1m"
	reset = "\x1b[0m"
)

// details returns a failing case's explanation, one line each: expected,
// got (with the hex views), what it means, the course's rule, and the
// program's last output.
func details(r Result) []string {
	var l []string
	add := func(key, v string) {
		if v != "" {
			l = append(l, words.T(key)+" "+v)
		}
	}
	add("check.label.expected", r.Expected)
	add("check.label.got", r.Got)
	add("check.label.hex_expected", r.HexExpected)
	add("check.label.hex_got", r.HexGot)
	add("check.label.meaning", r.Meaning)
	add("check.label.rule", r.Rule)
	if r.Output != "" {
		l = append(l, words.T("check.label.output"))
		for _, line := range strings.Split(r.Output, "\n") {
			l = append(l, "  | "+sanitize(line))
		}
	}
	return l
}

// sanitize keeps a program's output from driving the terminal: control
// bytes other than tab are shown escaped.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < ' ' && r != '\t') || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}

// summary is a case's one line: its title, and what was seen when it
// passed.
func summary(r Result) string {
	s := r.Case + ": " + r.Title
	if r.Passed && r.Note != "" {
		s += " (" + r.Note + ")"
	}
	return s
}

// WriteText writes the report for a person, with colours when color is
// set (a terminal).
func WriteText(w io.Writer, rep Report, color bool) {
	paint := func(c, s string) string {
		if color {
			return c + s + reset
		}
		return s
	}
	head := words.T("check.head", rep.Exercise, rep.Address)
	if len(rep.Command) > 0 {
		head += " -- " + strings.Join(rep.Command, " ")
	}
	fmt.Fprintln(w, paint(bold, head))
	pass, fail := words.T("check.pass"), words.T("check.fail")
	width := max(len([]rune(pass)), len([]rune(fail)))
	pad := func(s string) string { return s + strings.Repeat(" ", width-len([]rune(s))) }
	passed := 0
	for _, r := range rep.Cases {
		if r.Passed {
			passed++
			fmt.Fprintf(w, "  %s  %s\n", paint(green, pad(pass)), summary(r))
			continue
		}
		fmt.Fprintf(w, "  %s  %s\n", paint(red, pad(fail)), summary(r))
		for _, l := range details(r) {
			fmt.Fprintf(w, "  %s  %s\n", strings.Repeat(" ", width), l)
		}
	}
	verdict := words.T("check.summary", passed, len(rep.Cases))
	if rep.Passed {
		fmt.Fprintln(w, paint(green, verdict))
	} else {
		fmt.Fprintln(w, paint(red, verdict))
	}
}

// WriteJSON writes the report as JSON.
func WriteJSON(w io.Writer, rep Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// gradescope is Gradescope's results.json.
type gradescope struct {
	Score float64          `json:"score"`
	Tests []gradescopeTest `json:"tests"`
}

type gradescopeTest struct {
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Output   string  `json:"output"`
	Status   string  `json:"status"`
}

// WriteGradescope writes the report as Gradescope's results.json: one
// test per case, one point each.
func WriteGradescope(w io.Writer, rep Report) error {
	g := gradescope{Tests: []gradescopeTest{}}
	for _, r := range rep.Cases {
		t := gradescopeTest{Name: rep.Exercise + ": " + r.Case + " — " + r.Title, MaxScore: 1, Status: "failed"}
		if r.Passed {
			t.Score, t.Status, t.Output = 1, "passed", r.Note
		} else {
			t.Output = strings.Join(details(r), "\n")
		}
		g.Score += t.Score
		g.Tests = append(g.Tests, t)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(g)
}
