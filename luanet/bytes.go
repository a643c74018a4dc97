package luanet

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// bytes.pack(fmt, v1, ...) and bytes.unpack(fmt, s [, pos]) follow Lua
// 5.3's string.pack for integers:
//
//	< little-endian   > big-endian   = native (little)   spaces are ignored
//	b/B  1 byte       h/H  2 bytes   l/L j/J T  8 bytes
//	i[n]/I[n]  n bytes (default 4)   x  one zero byte (skipped by unpack)
//
// Lower case is signed, upper case unsigned. pack takes widths 1..8 and
// raises on a value that does not fit (or is not whole); an unsigned value
// may also be given as a string of decimal digits. unpack takes any width
// up to maxUnpackWidth bytes, so ">I"..#data reads a whole message as one
// big-endian number; it returns each value as a Lua number when it is
// exact (|v| <= 2^53; gopher-lua's numbers are doubles) and otherwise as a
// string of decimal digits, then the position after the last byte read.

const maxUnpackWidth = 1 << 16

type packItem struct {
	width  int // bytes; 0 for padding
	signed bool
	little bool
	pad    bool
}

// parseFormat parses fmt; pack limits widths to 8.
func parseFormat(L *lua.LState, f string, fname string, maxWidth int) []packItem {
	little := true
	var items []packItem
	for i := 0; i < len(f); i++ {
		c := f[i]
		w := 0
		switch c {
		case ' ':
			continue
		case '<', '=':
			little = true
			continue
		case '>':
			little = false
			continue
		case 'x':
			items = append(items, packItem{pad: true, width: 1})
			continue
		case 'b', 'B':
			w = 1
		case 'h', 'H':
			w = 2
		case 'l', 'L', 'j', 'J', 'T':
			w = 8
		case 'i', 'I':
			j := i + 1
			for j < len(f) && f[j] >= '0' && f[j] <= '9' && j-i <= 6 {
				j++
			}
			if j == i+1 {
				w = 4
			} else {
				fmt.Sscan(f[i+1:j], &w)
				if j < len(f) && f[j] >= '0' && f[j] <= '9' {
					w = maxWidth + 1
				}
			}
			i = j - 1
			if w < 1 || w > maxWidth {
				argErr(L, 1, fname, fmt.Sprintf("integral size %d out of limits [1,%d]", w, maxWidth))
			}
		default:
			argErr(L, 1, fname, fmt.Sprintf("invalid format option '%c'", c))
		}
		items = append(items, packItem{width: w, signed: c >= 'a' && c <= 'z', little: little})
	}
	return items
}

func luaPack(L *lua.LState) int {
	f := checkStr(L, 1, 1, "pack")
	items := parseFormat(L, f, "pack", 8)
	var out []byte
	arg := 2
	for _, it := range items {
		if it.pad {
			out = append(out, 0)
			continue
		}
		u := packValue(L, arg, it)
		arg++
		buf := make([]byte, it.width)
		for k := 0; k < it.width; k++ {
			b := byte(u >> (8 * k))
			if it.little {
				buf[k] = b
			} else {
				buf[it.width-1-k] = b
			}
		}
		out = append(out, buf...)
	}
	L.Push(lua.LString(out))
	return 1
}

// packValue checks argument n against item it and returns its bits.
func packValue(L *lua.LState, n int, it packItem) uint64 {
	bits := uint(8 * it.width)
	switch v := L.Get(n).(type) {
	case lua.LNumber:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
			argErr(L, n, "pack", "number has no integer representation")
		}
		if it.signed {
			lim := math.Ldexp(1, int(bits)-1)
			if f < -lim || f >= lim {
				argErr(L, n, "pack", fmt.Sprintf("integer overflow: %v does not fit in %d signed bytes", v, it.width))
			}
			return uint64(int64(f))
		}
		if f < 0 || f >= math.Ldexp(1, int(bits)) {
			argErr(L, n, "pack", fmt.Sprintf("integer overflow: %v does not fit in %d unsigned bytes", v, it.width))
		}
		if f >= math.Ldexp(1, 63) {
			return uint64(f-math.Ldexp(1, 63)) | 1<<63
		}
		return uint64(f)
	case lua.LString:
		b, ok := new(big.Int).SetString(strings.TrimSpace(string(v)), 10)
		if !ok || it.signed || b.Sign() < 0 || b.BitLen() > int(bits) {
			argErr(L, n, "pack", fmt.Sprintf("%q is not an unsigned integer that fits in %d bytes", string(v), it.width))
		}
		return b.Uint64()
	default:
		typeErr(L, n, "pack", "number", v)
	}
	return 0
}

var maxExact = new(big.Int).Lsh(big.NewInt(1), 53)

func luaUnpack(L *lua.LState) int {
	f := checkStr(L, 1, 1, "unpack")
	data := checkStr(L, 2, 2, "unpack")
	pos := 1
	if L.Get(3) != lua.LNil {
		num, ok := L.Get(3).(lua.LNumber)
		if !ok || float64(num) != math.Trunc(float64(num)) || num < 1 || float64(num) > float64(len(data))+1 {
			argErr(L, 3, "unpack", "initial position out of string")
		}
		pos = int(num)
	}
	items := parseFormat(L, f, "unpack", maxUnpackWidth)
	i := pos - 1
	nvals := 0
	for _, it := range items {
		if len(data)-i < it.width {
			argErr(L, 2, "unpack", fmt.Sprintf("data string too short: %d bytes needed at position %d, %d left", it.width, i+1, len(data)-i))
		}
		chunk := []byte(data[i : i+it.width])
		i += it.width
		if it.pad {
			continue
		}
		if it.little {
			for a, b := 0, len(chunk)-1; a < b; a, b = a+1, b-1 {
				chunk[a], chunk[b] = chunk[b], chunk[a]
			}
		}
		v := new(big.Int).SetBytes(chunk)
		if it.signed && len(chunk) > 0 && chunk[0]&0x80 != 0 {
			v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*it.width)))
		}
		L.Push(bigValue(v))
		nvals++
	}
	L.Push(lua.LNumber(i + 1))
	return nvals + 1
}

// bigValue is v as a Lua number when exact, else as decimal digits.
func bigValue(v *big.Int) lua.LValue {
	if new(big.Int).Abs(v).Cmp(maxExact) <= 0 {
		return lua.LNumber(float64(v.Int64()))
	}
	return lua.LString(v.String())
}
