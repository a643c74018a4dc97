package repl

import (
	"errors"

	"encoding/hex"
	"fmt"
	"github.com/socklab/socklab/words"
	"strings"
	"unicode"
	"unicode/utf8"
)

// decodeEscapes turns the escapes a person types into bytes: \n \r \t \0
// \xNN \\ (and \" \' \e \a for completeness). Any other backslash pair is
// an error, so that a typo is not sent as if it were meant.
func decodeEscapes(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i+1 >= len(s) {
			return nil, errors.New(words.T("escape.lone", s))
		}
		i++
		switch e := s[i]; e {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case '0':
			out = append(out, 0)
		case 'a':
			out = append(out, 7)
		case 'e':
			out = append(out, 0x1b)
		case '\\', '"', '\'', ' ', ';':
			out = append(out, e)
		case 'x':
			if !isHex(s, i+1) || !isHex(s, i+2) {
				return nil, errors.New(words.T("escape.bad_x", s))
			}
			b, _ := hex.DecodeString(s[i+1 : i+3])
			out = append(out, b[0])
			i += 2
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, errors.New(words.T("escape.unknown", r, s))
		}
	}
	return out, nil
}

func isHex(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// decodeHex reads hex digits, allowing spaces, colons and an optional 0x
// prefix between bytes: "48656c6c6f", "48 65 6c", "0x48:0x65".
func decodeHex(s string) ([]byte, error) {
	var digits strings.Builder
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ':' || r == '\t' || r == ',' }) {
		f = strings.TrimPrefix(strings.TrimPrefix(f, "0x"), "0X")
		digits.WriteString(f)
	}
	d := digits.String()
	if len(d)%2 != 0 {
		return nil, errors.New(words.T("escape.odd_hex", s))
	}
	b, err := hex.DecodeString(d)
	if err != nil {
		return nil, errors.New(words.T("escape.bad_hex", s))
	}
	return b, nil
}

// quoteBytes shows b as a double-quoted string a terminal can print
// safely: printable text (valid UTF-8 such as "ã" included) as is, and every
// other byte escaped — C0 and C1 controls, DEL, ESC, invalid UTF-8 — so a
// peer can never send the terminal an escape sequence.
func quoteBytes(b []byte) string {
	return `"` + escapeBytes(b, '"') + `"`
}

// escapeBytes is [quoteBytes] without the quotes; quote is the character
// that must also be escaped (0 for none).
func escapeBytes(b []byte, quote rune) string {
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

// inert returns a message with every byte a terminal would act on or not
// show escaped, as [escapeBytes] does, and everything else (quotes,
// backslashes, line ends and tabs included) as it is: for errors that
// quote what was typed.
func inert(msg string) string {
	if !strings.ContainsFunc(msg, active) {
		return msg
	}
	var sb strings.Builder
	for len(msg) > 0 {
		r, n := utf8.DecodeRuneInString(msg)
		if active(r) {
			sb.WriteString(escapeBytes([]byte(msg[:n]), 0))
		} else {
			sb.WriteString(msg[:n])
		}
		msg = msg[n:]
	}
	return sb.String()
}

// active reports a rune [inert] escapes: invalid UTF-8, a control other
// than "\n" and "\t", or an invisible character.
func active(r rune) bool {
	return r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && !printable(r)
}

// hexDump shows b as `hexdump -C` does (encoding/hex.Dump): offset, 16
// bytes in hex, and the printable ASCII ones on the right; each line
// indented by two spaces.
func hexDump(b []byte) string {
	d := strings.TrimSuffix(hex.Dump(b), "\n")
	if d == "" {
		return ""
	}
	return "  " + strings.ReplaceAll(d, "\n", "\n  ") + "\n"
}
