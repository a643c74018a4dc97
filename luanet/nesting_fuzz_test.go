package luanet

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzNesting builds a script from the fuzzer's bytes: statements that
// nest pcall, xpcall, coroutines (resume and wrap), metamethods, gsub
// and sort callbacks, for-in iterators and spawn around blocking calls
// (recvline, sleep) and errors. A peer has sent lines L1..Ln; every line a
// receive got is kept. The run must end (no hang), no Go panic may reach
// the script ("internal error"), every line must be received exactly once
// (a refused call consumes nothing), and every error a pcall catches must
// carry the script's file:line.
func FuzzNesting(f *testing.F) {
	for _, s := range []string{"\x00", "\x01\x00", "\x05\x00\xff\x06\x00", "\x07\x08\x00", "\x02\x03\x04\x00",
		"\x09\x00\xff\x0a\x01", "\x00\x00\x00\x00\x00", "\x05\x09\x02\x00", "\x0b\x00\xff\x0c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, prog []byte) {
		if len(prog) > 64 {
			return
		}
		code, n := nestingScript(prog)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		out, errw := newLineBuf(), newLineBuf()
		err := RunString(ctx, "fuzz.lua", code, Options{Stdout: out, Stderr: errw})
		o := out.String()
		switch {
		case ctx.Err() != nil:
			t.Fatalf("the script hung (%v)\n%s\noutput:\n%s", err, code, o)
		case strings.Contains(o+errw.String(), "internal error"):
			t.Fatalf("a Go panic reached the script\n%s\noutput:\n%s%s", code, o, errw)
		case strings.Contains(o, "NOPOS "):
			t.Fatalf("an error without file:line\n%s\noutput:\n%s", code, o)
		case nestingNoPos.MatchString(errw.String()):
			t.Fatalf("a task's error without file:line\n%s\nstderr:\n%s", code, errw)
		case err != nil:
			t.Fatalf("the script failed: %v\n%s\noutput:\n%s%s", err, code, o, errw)
		}
		i := strings.Index(o, "GOT ")
		if i < 0 {
			t.Fatalf("no GOT line\n%s\noutput:\n%s%s", code, o, errw)
		}
		got := strings.Split(strings.TrimSpace(o[i+4:]), ",")
		sort.Slice(got, func(a, b int) bool { x, _ := strconv.Atoi(got[a][1:]); y, _ := strconv.Atoi(got[b][1:]); return x < y })
		for k := 1; k <= n; k++ {
			if k > len(got) || got[k-1] != fmt.Sprintf("L%d", k) {
				t.Fatalf("lines lost or received twice: %v\n%s\noutput:\n%s", got, code, o)
			}
		}
		if len(got) != n {
			t.Fatalf("%d lines received, %d sent: %v\n%s", len(got), n, got, code)
		}
	})
}

// nestingNoPos finds a task's error report without the script's position.
var nestingNoPos = regexp.MustCompile(`(?m)^error: (?:[^f]|f[^u]|fu[^z])`)

// The wrappers a statement nests its operation in (%s is the inside).
var nestWrappers = []string{
	`pcall(function() %s end)`,
	`xpcall(function() %s end, function(m) return m end)`,
	`coroutine.wrap(function() %s end)()`,
	`coroutine.resume(coroutine.create(function() %s end))`,
	`local _ = setmetatable({}, {__index = function() %s end}).x`,
	`("x"):gsub("x", function() %s end)`,
	`table.sort({2, 1, 3}, function(a, b) %s return a < b end)`,
	`for _ in function() %s return nil end do end`,
	// a task that fails closes the sockets it used (by design): catch
	`tasks[#tasks + 1] = spawn(function() check(pcall(function() %s end)) end)`,
	`local _ = setmetatable({}, {__add = function() %s return 0 end}) + 1`,
	`do %s end`,
}

// The operations at the heart of a statement.
var nestOps = []string{
	// the index is taken after the receive: a task that parks between
	// the two would have another one's line overwritten
	`local line = c:recvline(5) got[#got + 1] = line`,
	`sleep(0)`,
	`error("boom")`,
	`local line, err = c:recvline(5) if not line then error(err) end got[#got + 1] = line`,
}

// nestingScript turns prog into a script: statements are separated by
// 0xff; in each, every byte but the last picks a wrapper (outermost
// first), the last one the operation. It returns the script and how many
// lines the peer sends.
func nestingScript(prog []byte) (string, int) {
	var stmts []string
	for _, st := range strings.Split(string(prog), "\xff") {
		if st == "" || len(stmts) >= 8 {
			continue
		}
		b := []byte(st)
		if len(b) > 5 {
			b = b[:5]
		}
		inner := nestOps[int(b[len(b)-1])%len(nestOps)]
		for i := len(b) - 2; i >= 0; i-- {
			inner = fmt.Sprintf(nestWrappers[int(b[i])%len(nestWrappers)], inner)
		}
		stmts = append(stmts, inner)
	}
	const n = 64 // more than the statements can take
	var code strings.Builder
	fmt.Fprintf(&code, `local l = assert(net.listen("tcp", "127.0.0.1:0"))
local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
local s = l:accept()
for i = 1, %d do s:send("L" .. i .. "\n") end
local got, tasks = {}, {}
local function check(ok, e)
  if not ok and not tostring(e):match("^fuzz%%.lua:%%d+: ") then print("NOPOS " .. tostring(e)) end
end
`, n)
	for _, st := range stmts {
		fmt.Fprintf(&code, "check(pcall(function() %s end))\n", st)
	}
	code.WriteString(`for _, t in ipairs(tasks) do t:join() end
s:send("END\n")
while true do
  local line = assert(c:recvline(5))
  if line == "END" then break end
  got[#got + 1] = line
end
print("GOT " .. table.concat(got, ","))
`)
	return code.String(), n
}
