package luanet

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestNestedCallsOverflow: recursion through pcall, xpcall, coroutines
// and plain calls ends in a catchable "stack overflow" at the script's
// file:line, never in the process running out of memory. The script runs
// under a 2 GiB address-space limit (a recursive pcall used to reach it in
// seconds).
func TestNestedCallsOverflow(t *testing.T) {
	out := runLimited(t, 2048, time.Minute, `
local depth
local function p() depth = depth + 1 local ok, e = pcall(p) if not ok then print("pcall", e) end end
depth = 0 p()
local function x() depth = depth + 1 local ok, e = xpcall(x, function(m) return m end) if not ok then print("xpcall", e) end end
depth = 0 x()
local function r()
  local ok, e = coroutine.resume(coroutine.create(r))
  if not ok then if e ~= "" then print("resume", e) end error("", 0) end
end
pcall(r)
local function w() coroutine.wrap(w)() end
print("wrap", pcall(w))
local function f() f() end
print("plain", pcall(f))
local function g() return 1 + g() end
print("plain2", pcall(g))
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print("meta", pcall(function() return t.x end))
spawn(function() f() end)
sleep(0.01)
print("after", depth)
f()`)
	want := []string{
		`^pcall\ttest\.lua:3: stack overflow \(more than 200 nested`,
		`^xpcall\ttest\.lua:5: stack overflow \(more than 200 nested`,
		`^resume\ttest\.lua:8: stack overflow \(more than 200 nested`,
		`^wrap\tfalse\ttest\.lua:12: stack overflow \(more than 200 nested`,
		`^plain\tfalse\ttest\.lua:14: stack overflow \(more than 256 nested calls\)$`,
		`^plain2\tfalse\ttest\.lua:16: stack overflow \(more than 256 nested calls\)$`,
		`^meta\tfalse\ttest\.lua:18: stack overflow \(more than 256 nested calls\)$`,
		`^error: test\.lua:14: stack overflow \(more than 256 nested calls\) \(task 2, spawned at test\.lua:20\)`,
		`^after\t\d+$`,
		`^err: test\.lua:14: stack overflow \(more than 256 nested calls\)$`,
	}
	got := lines(out)
	for i, w := range want {
		if i >= len(got) || !regexp.MustCompile(w).MatchString(got[i]) {
			t.Fatalf("line %d: want %s; output:\n%s", i+1, w, out)
		}
	}
	if strings.Contains(out, "internal error") {
		t.Fatalf("output:\n%s", out)
	}
}
