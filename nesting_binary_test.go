package main

import (
	"strings"
	"testing"
)

// TestShellLuaNesting: a chunk run by the shell's lua command is held to the
// same nesting limit as a script's tasks: endless pcall or coroutine
// recursion ends in a catchable "stack overflow" with its position, under
// an address-space limit, instead of running out of memory.
func TestShellLuaNesting(t *testing.T) {
	for _, tc := range []struct {
		code   string
		status int
		out    string
	}{
		// each pcall catches the overflow below it: the chunk ends quietly
		{`local function f() pcall(f) end f()`, 0, ""},
		{`local function f() local ok, e = pcall(f) if not ok then error(e, 0) end end f()`, 1,
			"error: lua:1: stack overflow (more than 200 nested"},
		{`local function f() coroutine.wrap(f)() end f()`, 1, "error: lua:1: stack overflow (more than 200 nested"},
		{`print(pcall(function() local function f() xpcall(f, tostring) end f() end))`, 0, "true\n"},
	} {
		out, status := runLimited(t, "lua "+tc.code)
		if status != tc.status || !strings.HasPrefix(out, tc.out) || tc.status == 0 && out != tc.out {
			t.Errorf("lua %s: status %d, output %.300q; want status %d, output %q...", tc.code, status, out, tc.status, tc.out)
		}
	}
}
