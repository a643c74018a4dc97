package luanet

import (
	"reflect"
	goruntime "runtime"
	"strings"
	"sync"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// canYieldChain reports whether a blocking call on L can reach the
// scheduler: L and every coroutine that resumed it, up to the task's own
// thread top, may yield.
func canYieldChain(L, top *lua.LState) bool {
	if !frameLayoutOK() {
		return canYieldGoStack()
	}
	for th := L; th != nil; th = th.Parent {
		if !canYield(th) {
			return false
		}
		if th == top {
			return true
		}
	}
	return false
}

// canYield reports whether the Go function running on L may yield: every
// Lua frame above it must have reached it through a plain call (OP_CALL or
// OP_TAILCALL), and no Go function may sit in between. A metamethod
// (OP_GETTABLE, arithmetic, ...), a for-in iterator (OP_TFORLOOP) or a Go
// caller such as table.sort, string.gsub or the stock pcall runs a nested
// VM loop that a yield would corrupt (gopher-lua cannot yield across them).
//
// gopher-lua does not export its call frames, so canYield reads them
// through a mirror of the unexported callFrame struct. frameSelfTest checks
// the mirror against the real layout once; if it ever fails (another
// gopher-lua version), canYield falls back to walking the Go stack, and
// TestFrameLayout fails so that the change does not go unnoticed.
func canYield(L *lua.LState) bool {
	if !frameLayoutOK() {
		return canYieldGoStack()
	}
	// L.currentFrame, read in place: L.GetStack(0) would allocate a
	// Debug on every blocking call.
	fr := *(**mirrorFrame)(unsafe.Add(unsafe.Pointer(L), currentFrameOffset))
	if fr == nil {
		return false
	}
	for p := fr.Parent; p != nil; p = p.Parent {
		if p.Fn == nil || p.Fn.IsG || p.Fn.Proto == nil {
			return false
		}
		code := p.Fn.Proto.Code
		if p.Pc < 1 || p.Pc > len(code) {
			return false
		}
		switch code[p.Pc-1] >> 26 {
		case opCall, opTailCall:
		default:
			return false
		}
	}
	return true
}

// gopher-lua v1.1.2 opcodes (opcode.go), checked by frameSelfTest.
const (
	opCall     = 31
	opTailCall = 32
)

// mirrorFrame mirrors gopher-lua's unexported callFrame.
type mirrorFrame struct {
	Idx        int
	Fn         *lua.LFunction
	Parent     *mirrorFrame
	Pc         int
	Base       int
	LocalBase  int
	ReturnBase int
	NArgs      int
	NRet       int
	TailCall   int
}

var (
	layoutOnce         sync.Once
	layoutOK           bool
	currentFrameOffset uintptr // of LState.currentFrame
)

func frameLayoutOK() bool {
	layoutOnce.Do(func() { layoutOK = frameSelfTest() })
	return layoutOK
}

// frameSelfTest compares the mirror with the real struct field by field and
// checks the opcode numbers on a compiled call.
func frameSelfTest() bool {
	f, ok := reflect.TypeOf(lua.LState{}).FieldByName("currentFrame")
	if !ok || f.Type.Kind() != reflect.Pointer {
		return false
	}
	currentFrameOffset = f.Offset
	real, mine := f.Type.Elem(), reflect.TypeOf(mirrorFrame{})
	if real.Size() != mine.Size() || real.NumField() != mine.NumField() {
		return false
	}
	for i := 0; i < mine.NumField(); i++ {
		a, b := real.Field(i), mine.Field(i)
		if a.Name != b.Name || a.Offset != b.Offset || a.Type.Size() != b.Type.Size() {
			return false
		}
		if b.Name == "Fn" && a.Type != b.Type {
			return false
		}
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	fn, err := L.LoadString("local f = ... f() return f()")
	if err != nil {
		return false
	}
	var seen int
	for _, inst := range fn.Proto.Code {
		switch inst >> 26 {
		case opCall:
			seen |= 1
		case opTailCall:
			seen |= 2
		}
	}
	return seen == 3
}

// canYieldGoStack is the slow fallback: between each coroutine's
// threadRun on the Go stack (the script's own coroutines nest, down to
// the task's) there must be a single VM loop.
func canYieldGoStack() bool {
	pcs := make([]uintptr, 4096)
	n := runtimeCallers(pcs)
	loops := 0
	for _, name := range n {
		switch {
		case strings.HasSuffix(name, "gopher-lua.mainLoop"), strings.HasSuffix(name, "gopher-lua.mainLoopWithContext"):
			loops++
		case strings.HasSuffix(name, "gopher-lua.threadRun"):
			if loops > 1 {
				return false
			}
			loops = 0
		case strings.HasSuffix(name, "luanet.(*sched).safeResume"):
			return true
		}
	}
	return loops <= 1
}

func runtimeCallers(pcs []uintptr) []string {
	n := goruntime.Callers(3, pcs)
	frames := goruntime.CallersFrames(pcs[:n])
	var names []string
	for {
		f, more := frames.Next()
		names = append(names, f.Function)
		if !more {
			return names
		}
	}
}
