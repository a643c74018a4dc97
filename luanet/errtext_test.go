package luanet

import (
	"errors"
	"strings"
	"testing"
)

// TestErrorTostring: a raised table with a __tostring metamethod is
// printed as that makes it, as lua prints it, for the main chunk and for a
// spawned function; a __tostring that fails or does not return a string
// leaves the plain text.
func TestErrorTostring(t *testing.T) {
	out, errs, err := runLua(t, `
		local t = spawn(function() error(setmetatable({}, {__tostring = function() return "task " .. "custom" end})) end)
		print(t:join() == nil)
		local bad = spawn(function() error(setmetatable({}, {__tostring = function() error("inner") end})) end)
		print(bad:join() == nil)
		error(setmetatable({}, {__tostring = function() return "main " .. "custom" end}))`, Options{})
	if out != "true\ntrue\n" {
		t.Errorf("output %q", out)
	}
	if err == nil || err.Error() != "main custom" {
		t.Errorf("the main chunk's error is %v, want main custom", err)
	}
	if !strings.Contains(errs, "error: task custom (task 2,") {
		t.Errorf("stderr does not print the task's error with its __tostring:\n%s", errs)
	}
	if !strings.Contains(errs, "error: table: ") {
		t.Errorf("a failing __tostring should leave the plain text:\n%s", errs)
	}
}

// TestTracebackMainChunk: the traceback names the main chunk so, as lua
// does, not as a function defined at line 0.
func TestTracebackMainChunk(t *testing.T) {
	_, _, err := runLua(t, `
		local function f() error("boom") end
		f()`, Options{})
	var se *ScriptError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want a ScriptError", err)
	}
	want := "stack traceback:\n\ttest.lua:2: in function 'f'\n\ttest.lua:3: in main chunk"
	if se.Traceback != want {
		t.Errorf("traceback:\n%s\nwant:\n%s", se.Traceback, want)
	}
}
