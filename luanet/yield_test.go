package luanet

import (
	"io"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// TestFrameLayout fails the build's tests when canYield's mirror of
// gopher-lua's unexported call frame no longer matches the library (after
// an upgrade): canYield would then fall back to the Go-stack walk, a
// quarter of the CPU of a busy server, without anyone noticing.
func TestFrameLayout(t *testing.T) {
	if !frameSelfTest() {
		t.Fatal("gopher-lua's callFrame or opcodes changed: update mirrorFrame and opCall/opTailCall in yield.go")
	}
}

// TestCanYieldAgreesWithGoStack checks the frame walk against the Go-stack
// walk on the places a blocking call can and cannot be made.
func TestCanYieldAgreesWithGoStack(t *testing.T) {
	for _, tc := range []struct {
		name, code string
		want       bool
	}{
		{"plain call", "probe()", true},
		{"tail call", "return probe()", true},
		{"nested Lua functions", "local function f() probe() end local function g() f() end g()", true},
		{"metamethod", "local t = setmetatable({}, {__index = function() probe() end}) local x = t.y", false},
		{"for-in iterator", "for x in function() probe() end do end", false},
		{"sort callback", "table.sort({2, 1}, function(a, b) probe() return a < b end)", false},
		{"stock pcall", "pcall(probe)", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			L := lua.NewState()
			defer L.Close()
			var frames, stack []bool
			L.SetGlobal("probe", L.NewFunction(func(L *lua.LState) int {
				frames = append(frames, canYield(L))
				stack = append(stack, canYieldGoStack())
				return 0
			}))
			co, _ := L.NewThread()
			fn, err := L.LoadString(tc.code)
			if err != nil {
				t.Fatal(err)
			}
			if st, err, _ := L.Resume(co, fn); st == lua.ResumeError {
				t.Fatal(err)
			}
			if len(frames) == 0 {
				t.Fatal("probe was not called")
			}
			for i := range frames {
				if frames[i] != tc.want || stack[i] != tc.want {
					t.Errorf("call %d: frame walk %v, Go-stack walk %v, want %v", i, frames[i], stack[i], tc.want)
				}
			}
		})
	}
}

// TestResumeCoroutineParkedInAnotherTask: a coroutine whose blocking call
// another task passed through to the scheduler cannot be resumed from
// elsewhere (it made recvline fail with a Go nil-pointer error, or made
// the call return the resumer's values); the task that waits in it gets
// its line as if nothing happened.
func TestResumeCoroutineParkedInAnotherTask(t *testing.T) {
	out := mustLua(t, `
		local l = assert(net.listen("tcp", "127.0.0.1:0"))
		local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
		local s = assert(l:accept())
		local c2 = assert(net.connect(table.concat({l:localaddr()}, ":")))
		local s2 = assert(l:accept())
		local co = coroutine.create(function() while true do coroutine.yield(c:recvline(5)) end end)
		local gen = coroutine.wrap(function() while true do coroutine.yield(c2:recvline(5)) end end)
		local t1 = spawn(function() return coroutine.resume(co) end)
		local t2 = spawn(function() return gen() end)
		sleep(0.01)
		print(coroutine.resume(co, "injected"))
		print(pcall(function() local v = gen("injected") return v end))
		s:sendline("one") s2:sendline("two")
		print(t1:join(5))
		print(t2:join(5))`)
	want := "false\tcannot resume this coroutine: it waits in a blocking call made while another task resumed it\n" +
		"false\ttest.lua:13: cannot resume this coroutine: it waits in a blocking call made while another task resumed it\n" +
		"true\ttrue\tone\ntrue\ttwo\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestYieldOutsideCoroutineIsCatchable: coroutine.yield outside a
// coroutine the script made raises at the script's line, and pcall
// catches it (it ended the task with a position-less message); the
// handler goes on and answers its Go peer.
func TestYieldOutsideCoroutineIsCatchable(t *testing.T) {
	addr, ch := goListener(t)
	out := mustLua(t, `
		local c = assert(net.connect("`+addr+`"))
		local h = spawn(function()
			local ok, err = pcall(coroutine.yield, "oops")
			c:sendline(ok and "yielded" or "caught")
			return err
		end)
		print(h:join(5))
		local co = coroutine.create(function() return pcall(coroutine.yield, "fine") end)
		print(coroutine.resume(co))
		c:close()`)
	want := "true\ttest.lua:4: coroutine.yield was called outside a coroutine the script created: only coroutine.create and coroutine.wrap make coroutines one can yield from\n" +
		"true\tfine\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if got, _ := io.ReadAll(accepted(t, ch)); string(got) != "caught\n" {
		t.Errorf("the peer got %q", got)
	}
}
