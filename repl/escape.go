package repl

import (
	"encoding/hex"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
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
	return `"` + say.Escape(b, '"') + `"`
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
