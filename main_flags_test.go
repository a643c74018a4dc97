package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestTopLevelFlags: --version and --help/-h print on stdout with status 0;
// an unknown flag is one line on stderr naming it as typed, status 2.
func TestTopLevelFlags(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		status   int
		out, err string
		errLines int
	}{
		{args: []string{"--version"}, out: "socklab "},
		{args: []string{"--help"}, out: "socklab nc"},
		{args: []string{"-h"}, out: "socklab nc"},
		{args: []string{"--foo"}, status: 2, err: "unknown flag --foo", errLines: 1},
		{args: []string{"-foo=1"}, status: 2, err: "unknown flag -foo", errLines: 1},
		{args: []string{"-c"}, status: 2, err: "error: -c needs a value", errLines: 1},
		{args: []string{"--memory", "x"}, status: 2, err: `error: bad --memory "x"`, errLines: 1},
		{args: []string{"--allow-exec=maybe"}, status: 2, err: `error: bad value "maybe" for --allow-exec`, errLines: 1},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			st := run(append([]string{"--lang", "en"}, tc.args...), nil, &out, &errb)
			if st != tc.status || !strings.Contains(out.String(), tc.out) || !strings.Contains(errb.String(), tc.err) {
				t.Fatalf("status %d, stdout %q, stderr %q", st, out.String(), errb.String())
			}
			if tc.errLines > 0 && strings.Count(errb.String(), "\n") != tc.errLines {
				t.Fatalf("stderr has %d lines: %q", strings.Count(errb.String(), "\n"), errb.String())
			}
			if tc.status == 0 && errb.Len() != 0 {
				t.Fatalf("stderr %q", errb.String())
			}
		})
	}
}

// TestHelpInPortuguese: --help under --lang pt names each flag's value in
// Portuguese, never with the Go type package flag would print ("-c string").
func TestHelpInPortuguese(t *testing.T) {
	var out, errb bytes.Buffer
	if st := run([]string{"--lang", "pt", "--help"}, nil, &out, &errb); st != 0 {
		t.Fatalf("status %d, stderr %q", st, errb.String())
	}
	for _, want := range []string{"  -c COMANDOS\n", "roda estes COMANDOS do shell", "  -memory TAMANHO\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "string") {
		t.Errorf("--help names a Go type:\n%s", out.String())
	}
}

// TestLangFlagForms: --lang with no value says so (it said "unknown flag
// --lang"), and --lang=pt works as --lang pt does.
func TestLangFlagForms(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	var out, errb bytes.Buffer
	if st := run([]string{"--lang"}, nil, &out, &errb); st != 2 || errb.String() != "error: --lang needs a value (socklab --help lists the flags)\n" {
		t.Errorf("--lang: status %d, stderr %q", st, errb.String())
	}
	out.Reset()
	errb.Reset()
	if st := run([]string{"--lang=pt", "--help"}, nil, &out, &errb); st != 0 || !strings.HasPrefix(out.String(), "uso:") {
		t.Errorf("--lang=pt --help: status %d, stdout %q, stderr %q", st, out.String(), errb.String())
	}
	errb.Reset()
	if st := run([]string{"-lang=xx"}, nil, &out, &errb); st != 2 || errb.String() != "error: unknown language \"xx\": want en or pt\n" {
		t.Errorf("-lang=xx: status %d, stderr %q", st, errb.String())
	}
}
