package repl

import (
	"errors"
	"strings"

	"github.com/socklab/socklab/words"
)

// token is one word of a command line.
type token struct {
	Text   string // the word with quotes removed; escapes such as \n stay for the command to decode
	Quoted bool   // some part of it was quoted: it is text, never a socket id or an --option
}

// errUnterminated reports a quote left open at the end of the input; the
// error tokenize returns is a [quoteError], which errors.Is finds it in.
var errUnterminated = errors.New("unterminated quote")

// quoteError is a quote left open: which one.
type quoteError struct{ quote rune }

func (e *quoteError) Error() string        { return words.T("parse.unclosed", e.quote) }
func (e *quoteError) Is(target error) bool { return target == errUnterminated }

// tokenize splits text into statements (at unquoted `;` and newlines) and
// each statement into words, as a shell does: whitespace separates words,
// single and double quotes group them, a backslash makes the next character
// part of the word. A backslash before a space, a quote or `;` is removed;
// other backslash pairs (\n, \x41, \\) are kept for [decodeEscapes]. A line
// whose first word starts with # is a comment. Empty statements are dropped.
func tokenize(text string) ([][]token, error) {
	var (
		stmts          [][]token
		words          []token
		cur            strings.Builder
		inWord, quoted bool
		quote          byte // the open quote, or 0
	)
	endWord := func() {
		if inWord {
			words = append(words, token{Text: cur.String(), Quoted: quoted})
		}
		cur.Reset()
		inWord, quoted = false, false
	}
	endStmt := func() {
		endWord()
		if len(words) > 0 {
			stmts = append(stmts, words)
		}
		words = nil
	}
	rs := text // bytes, not runes: invalid UTF-8 must pass through unchanged
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && (quote != '\'' || i+1 < len(rs) && (rs[i+1] == '\'' || rs[i+1] == '\\')):
			wasIn := inWord
			inWord = true
			if i+1 >= len(rs) {
				cur.WriteByte(r)
				continue
			}
			i++
			switch n := rs[i]; n {
			case ' ', '\t', '\'', '"', ';':
				cur.WriteByte(n)
			case '\n': // a line continuation: it adds nothing, not even an empty word
				inWord = wasIn
			default:
				cur.WriteByte(r)
				cur.WriteByte(n)
			}
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteByte(r)
			}
		case r == '\'' || r == '"':
			quote, inWord, quoted = r, true, true
		case r == ' ' || r == '\t' || r == '\r':
			endWord()
		case r == ';' || r == '\n':
			endStmt()
		case r == '#' && !inWord && len(words) == 0:
			for i+1 < len(rs) && rs[i+1] != '\n' {
				i++
			}
		default:
			cur.WriteByte(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, &quoteError{rune(quote)}
	}
	endStmt()
	return stmts, nil
}

// texts returns the words' texts.
func texts(ts []token) []string {
	l := make([]string, len(ts))
	for i, t := range ts {
		l[i] = t.Text
	}
	return l
}
