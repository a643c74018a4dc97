package say

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape is how the shell and the Lua binding show bytes a person reads: printable
// text (valid UTF-8 included) as is, every other byte escaped (C0 and C1
// controls, DEL, ESC, invalid UTF-8, invisible code points), so that
// nothing reaches a terminal as an escape sequence; quote is the character
// that must also be escaped (0 for none).
func Escape(b []byte, quote rune) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&sb, `\x%02x`, b[0])
		case r == '\\' || r == quote && quote != 0:
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r < 0x80 && (r < 0x20 || r == 0x7f):
			fmt.Fprintf(&sb, `\x%02x`, r)
		case r > 0xffff && !printable(r):
			fmt.Fprintf(&sb, `\U%08x`, r) // \u10ffff would read as \u10ff then "ff"
		case r >= 0x80 && !printable(r):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteRune(r)
		}
		b = b[n:]
	}
	return sb.String()
}

// printable reports whether r is safe and visible on a terminal: not a C1
// control, a format character (bidi overrides), a default-ignorable code
// point (those a terminal draws as nothing: U+034F, the Hangul fillers
// U+115F, U+1160, U+3164, U+FFA0, U+17B4, U+17B5, variation selectors...)
// or a separator other than the space.
func printable(r rune) bool {
	if r >= 0x80 && r <= 0x9f {
		return false
	}
	if unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) {
		return false
	}
	return unicode.IsGraphic(r) && (r == ' ' || !unicode.IsSpace(r))
}

// Inert returns a message with every byte a terminal would act on or not
// show escaped, as [Escape] does, and everything else (quotes,
// backslashes, line ends and tabs included) as it is: for errors that
// quote what was typed.
func Inert(msg string) string {
	if !strings.ContainsFunc(msg, active) {
		return msg
	}
	var sb strings.Builder
	for len(msg) > 0 {
		r, n := utf8.DecodeRuneInString(msg)
		if active(r) {
			sb.WriteString(Escape([]byte(msg[:n]), 0))
		} else {
			sb.WriteString(msg[:n])
		}
		msg = msg[n:]
	}
	return sb.String()
}

// active reports a rune [Inert] escapes: invalid UTF-8, a control other
// than "\n" and "\t", or an invisible character.
func active(r rune) bool {
	return r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && !printable(r)
}

// CompleteUpTo returns the length of b without the start of a UTF-8
// character that is not complete at its end: where b may be cut (a
// preview, a piece of a long line) without splitting a character.
func CompleteUpTo(b []byte) int {
	n := len(b)
	for i := n - 1; i >= 0 && i >= n-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return n
}
