package luanet

import (
	"context"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// FuzzPackUnpack packs a value with a fuzzed format and checks that
// unpack gives it back; any format must either work or raise a Lua error,
// never panic in Go.
func FuzzPackUnpack(f *testing.F) {
	for _, s := range []struct {
		f string
		v float64
	}{{">I2", 1000}, {"<I4", 7}, {">i8", -1}, {"b", -128}, {"=H", 65535}, {">I3", 1 << 23}, {"<j", 1 << 52}, {"I9", 1}, {"x>I1", 255}} {
		f.Add(s.f, s.v, []byte("\x00\x07"))
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	pack, unpack := L.NewFunction(luaPack), L.NewFunction(luaUnpack)
	f.Fuzz(func(t *testing.T, format string, v float64, data []byte) {
		call := func(fn *lua.LFunction, args ...lua.LValue) ([]lua.LValue, error) {
			top := L.GetTop()
			L.Push(fn)
			for _, a := range args {
				L.Push(a)
			}
			err := L.PCall(len(args), lua.MultRet, nil)
			var out []lua.LValue
			for i := top + 1; i <= L.GetTop(); i++ {
				out = append(out, L.Get(i))
			}
			L.SetTop(top)
			return out, err
		}
		// unpack of arbitrary data never panics
		call(unpack, lua.LString(format), lua.LString(data))
		packed, err := call(pack, lua.LString(format), lua.LNumber(v))
		if err != nil || len(packed) != 1 {
			return
		}
		got, err := call(unpack, lua.LString(format), packed[0])
		if err != nil {
			t.Fatalf("unpack(%q, pack(%q, %v)): %v", format, format, v, err)
		}
		if len(got) < 2 {
			return // a format with no value (padding only)
		}
		if n, ok := got[0].(lua.LNumber); ok && float64(n) != v {
			t.Fatalf("round trip %q %v -> %q -> %v", format, v, packed[0], n)
		}
		if s, ok := got[0].(lua.LString); ok && lua.LNumber(v).String() != string(s) && v < 1<<63 {
			t.Fatalf("round trip %q %v -> %v", format, v, s)
		}
	})
}

// FuzzArgs calls every API function with fuzzed arguments: each call must
// return or raise a Lua error with a position, never panic or hang.
func FuzzArgs(f *testing.F) {
	for _, s := range []string{`1`, `"x"`, `nil`, `{}`, `-1`, `0/0`, `1e300`, `"127.0.0.1:1"`, `{timeout=-1}`, `{retry="a"}`, `function() end`, `l`, `true`} {
		f.Add(s, `2`)
	}
	calls := []string{
		"net.listen(A, B)", "net.listen('tcp', A, B)", "net.udp(A)", "net.connect(A, B)",
		"l:accept(A)", "c:send(A)", "c:recv(A, B)", "c:recvline(A)", "c:recvuntil(A, B)",
		"c:shutdown(A)", "p:sendto(A, B)", "p:recvfrom(A, B)", "l.accept(A)", "c.recv(A, B)",
		"spawn(A, B)", "sleep(A)", "bytes.pack(A, B)", "bytes.unpack(A, B)", "hex(A)",
		"c:localaddr(A)", "l:state()", "tostring(c)",
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.ContainsAny(a+b, "\n;") || len(a+b) > 200 || strings.Contains(a+b, "--") ||
			strings.Contains(a+b, "while") || strings.Contains(a+b, "repeat") || strings.Contains(a+b, "for") || strings.Contains(a+b, "goto") {
			return
		}
		var code strings.Builder
		code.WriteString(`local l = assert(net.listen("tcp", "127.0.0.1:0"))
local p = assert(net.udp("127.0.0.1:0"))
local c = assert(net.connect(table.concat({l:localaddr()}, ":")))
local A, B = (` + a + `), (` + b + `)
`)
		for _, call := range calls {
			// not a tail call, so that the line stays on the stack
			code.WriteString("spawn(function() local ok, e = pcall(function() local r = {" + call + "} end) " +
				`if not ok and not tostring(e):match("^fuzz%.lua:%d+: ") then print("NOPOS " .. tostring(e)) end end)` + "\n")
		}
		code.WriteString("sleep(0.005) os.exit(0)\n")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		var out, errOut strings.Builder
		err := RunString(ctx, "fuzz.lua", code.String(), Options{Stdout: &out, Stderr: &errOut})
		if ctx.Err() != nil {
			t.Fatalf("the calls did not end within 5 s: %v", err)
		}
		if strings.Contains(errOut.String(), "internal error") {
			t.Fatalf("a call panicked in Go:\n%s", errOut.String())
		}
		if i := strings.Index(out.String(), "NOPOS "); i >= 0 {
			t.Fatalf("an error without its file:line: %q", out.String()[i:])
		}
	})
}
