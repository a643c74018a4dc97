// Package check grades a student's server or client against the course's
// exercises, byte for byte: socklab plays the other side (the course's
// client for a server, the course's server for a client), case by case,
// and every failing case says what was expected, what arrived, what it
// means and which rule of the course it breaks.
//
// A student's program is either already running at an address, or
// started by [Run] from a command, in a process group of its own that is
// stopped at the end with every process it started (on Linux also those
// outside the group, as a child subreaper; on Windows, where a program has
// no process group to signal, a job object holds it and its children: see
// family); a server that exits after one client, as the
// course's originals do, is started again for each case. Every wait is
// bounded by [Options.Timeout].
package check

import (
	"context"
	"time"

	"github.com/socklab/socklab/words"
)

// DefaultTimeout bounds each wait of a case when [Options.Timeout] is 0.
const DefaultTimeout = 3 * time.Second

// Options says what to check and how.
type Options struct {
	Addr    string        // HOST:PORT; "" for the exercise's course address
	Timeout time.Duration // each wait of a case; 0 for DefaultTimeout
	Command []string      // the student's program and its arguments; required for clients
}

// Exercise is one of the course's programs a student writes.
type Exercise struct {
	Name    string // e.g. "echo-server"
	Server  bool   // the student writes a server, and socklab plays the client
	Network string // "tcp" or "udp"
	Addr    string // the course's address
	about   string // words key: what the program does
	cases   []caseDef
	run     func(ctx context.Context, e *env)
}

// caseDef is one case of an exercise: an id and the words key of its title.
type caseDef struct{ id, title string }

// About describes the exercise in the current language.
func (x *Exercise) About() string { return words.T(x.about) }

// Result is one case's verdict. Every field a person reads is rendered in
// the current language.
type Result struct {
	Case        string `json:"case"`
	Title       string `json:"title"`
	Passed      bool   `json:"passed"`
	Note        string `json:"note,omitempty"`         // what was seen, when it passed
	Expected    string `json:"expected,omitempty"`     // escaped bytes
	Got         string `json:"got,omitempty"`          // escaped bytes
	HexExpected string `json:"hex_expected,omitempty"` // when only invisible bytes differ
	HexGot      string `json:"hex_got,omitempty"`
	Meaning     string `json:"meaning,omitempty"` // what the difference means
	Rule        string `json:"rule,omitempty"`    // the course's rule it breaks
	Output      string `json:"output,omitempty"`  // the last lines the program wrote
}

// Report is the outcome of a check.
type Report struct {
	Exercise string   `json:"exercise"`
	Address  string   `json:"address"`
	Command  []string `json:"command,omitempty"`
	Passed   bool     `json:"passed"`
	Cases    []Result `json:"cases"`
}

// Run checks the exercise with the options and returns every case's
// verdict. It starts the command when there is one and stops it, with its
// whole process group and what it started, before it returns. ctx ends the check early: the
// cases not run yet then fail.
func Run(ctx context.Context, x *Exercise, opt Options) Report {
	e := &env{ex: x, addr: opt.Addr, timeout: opt.Timeout, cmd: opt.Command, results: map[string]Result{}, stopped: ctx.Err}
	if e.addr == "" {
		e.addr = x.Addr
	}
	if e.timeout <= 0 {
		e.timeout = DefaultTimeout
	}
	func() {
		defer e.stopProgram()
		x.run(ctx, e)
	}()
	rep := Report{Exercise: x.Name, Address: e.addr, Command: opt.Command, Passed: true}
	shown := false // the reason the check stopped, on the first case it stopped
	for _, c := range x.cases {
		r, ok := e.results[c.id]
		switch {
		case ok:
		case e.blocked != nil && !shown:
			r, shown = e.blocked.result(), true
		case e.blocked != nil:
			r = Result{Meaning: words.T("check.see_above")}
		default:
			r = Result{Meaning: words.T("check.not_run")}
		}
		r.Case, r.Title = c.id, words.T(c.title)
		rep.Passed = rep.Passed && r.Passed
		rep.Cases = append(rep.Cases, r)
	}
	return rep
}

// Lookup returns the exercise named name, or nil.
func Lookup(name string) *Exercise {
	for _, x := range Exercises() {
		if x.Name == name {
			return x
		}
	}
	return nil
}
