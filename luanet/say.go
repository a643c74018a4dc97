package luanet

import (
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/words"
)

// luaSay is say(key, ...) -> the course scripts' sentence key ("script.",
// from package words' catalog) in the language socklab speaks (--lang),
// with the arguments put in as Go's fmt would: whole numbers as integers,
// other numbers as floats, strings and booleans as they are. A key the
// catalog lacks raises, so a misspelt key is caught at its line.
func luaSay(L *lua.LState) int {
	key := checkStr(L, 1, 1, "say")
	if !strings.HasPrefix(key, "script.") || !words.Has(key) {
		argErr(L, 1, "say", words.T("lua.say_unknown", key))
	}
	args := make([]any, 0, L.GetTop()-1)
	for i := 2; i <= L.GetTop(); i++ {
		switch v := L.Get(i).(type) {
		case lua.LNumber:
			f := float64(v)
			if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				args = append(args, int64(f))
			} else {
				args = append(args, f)
			}
		case lua.LString:
			args = append(args, string(v))
		case lua.LBool:
			args = append(args, bool(v))
		default:
			args = append(args, L.ToStringMeta(v).String())
		}
	}
	L.Push(lua.LString(words.T(key, args...)))
	return 1
}
