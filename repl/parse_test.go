package repl

import (
	"bufio"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var tokenizeTests = []struct {
	in   string
	want [][]token
}{
	{"", nil},
	{"   ", nil},
	{"recv", [][]token{{{Text: "recv"}}}},
	{"send  2 hello", [][]token{{{Text: "send"}, {Text: "2"}, {Text: "hello"}}}},
	{`send "hello world"`, [][]token{{{Text: "send"}, {Text: "hello world", Quoted: true}}}},
	{`send 'a "b"'`, [][]token{{{Text: "send"}, {Text: `a "b"`, Quoted: true}}}},
	{`send "it's"`, [][]token{{{Text: "send"}, {Text: "it's", Quoted: true}}}},
	{`send hello\ world`, [][]token{{{Text: "send"}, {Text: "hello world"}}}},
	{`send a\nb`, [][]token{{{Text: "send"}, {Text: `a\nb`}}}},
	{`send "a\nb\\"`, [][]token{{{Text: "send"}, {Text: `a\nb\\`, Quoted: true}}}},
	{`send "say \"hi\""`, [][]token{{{Text: "send"}, {Text: `say "hi"`, Quoted: true}}}},
	{`send 'x\'y'`, [][]token{{{Text: "send"}, {Text: `x'y`, Quoted: true}}}},
	{`send '\\'`, [][]token{{{Text: "send"}, {Text: `\\`, Quoted: true}}}},
	{"send '2'", [][]token{{{Text: "send"}, {Text: "2", Quoted: true}}}},
	{`send ""`, [][]token{{{Text: "send"}, {Text: "", Quoted: true}}}},
	{"a; b ;c", [][]token{{{Text: "a"}}, {{Text: "b"}}, {{Text: "c"}}}},
	{"a ;; b", [][]token{{{Text: "a"}}, {{Text: "b"}}}},
	{`send "a;b"; recv`, [][]token{{{Text: "send"}, {Text: "a;b", Quoted: true}}, {{Text: "recv"}}}},
	{`send a\;b`, [][]token{{{Text: "send"}, {Text: "a;b"}}}},
	{"a\nb", [][]token{{{Text: "a"}}, {{Text: "b"}}}},
	{"# a comment\nrecv", [][]token{{{Text: "recv"}}}},
	{"send #tag", [][]token{{{Text: "send"}, {Text: "#tag"}}}},
	{"send ão", [][]token{{{Text: "send"}, {Text: "ão"}}}},
	{`send ab"c d"e`, [][]token{{{Text: "send"}, {Text: "abc de", Quoted: true}}}},
}

func TestTokenize(t *testing.T) {
	for _, tc := range tokenizeTests {
		got, err := tokenize(tc.in)
		if err != nil {
			t.Errorf("tokenize(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("tokenize(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestTokenizeUnterminated(t *testing.T) {
	for _, in := range []string{`send "abc`, `send 'abc`, `send "a\"`, `a; b 'c; d`} {
		if _, err := tokenize(in); !errors.Is(err, errUnterminated) {
			t.Errorf("tokenize(%q): err = %v, want unterminated quote", in, err)
		}
	}
}

// FuzzTokenize checks that tokenize never panics, that its words hold no
// unquoted separator, and that statements have words.
func FuzzTokenize(f *testing.F) {
	for _, tc := range tokenizeTests {
		f.Add(tc.in)
	}
	f.Add(`send 'unterminated`)
	f.Add("\\")
	f.Fuzz(func(t *testing.T, in string) {
		stmts, err := tokenize(in)
		if err != nil {
			if !errors.Is(err, errUnterminated) {
				t.Fatalf("tokenize(%q): unexpected error %v", in, err)
			}
			return
		}
		for _, st := range stmts {
			if len(st) == 0 {
				t.Fatalf("tokenize(%q): empty statement", in)
			}
			for _, w := range st {
				if !w.Quoted && w.Text == "" {
					t.Fatalf("tokenize(%q): empty unquoted word", in)
				}
				if utf8.ValidString(in) && !utf8.ValidString(w.Text) {
					t.Fatalf("tokenize(%q): word %q is not UTF-8", in, w.Text)
				}
			}
		}
		if !strings.ContainsAny(in, "\"'\\#") {
			// Without quotes, escapes or comments it is a plain split.
			var want [][]token
			for _, part := range strings.FieldsFunc(in, func(r rune) bool { return r == ';' || r == '\n' }) {
				var st []token
				for _, w := range strings.FieldsFunc(part, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' }) {
					st = append(st, token{Text: w})
				}
				if len(st) > 0 {
					want = append(want, st)
				}
			}
			if !reflect.DeepEqual(stmts, want) {
				t.Fatalf("tokenize(%q) = %+v, want %+v", in, stmts, want)
			}
		}
	})
}

// TestReadBoundedSkipsHugeLines checks that a line over the limit is
// dropped whole, and the lines after it still read.
func TestReadBoundedSkipsHugeLines(t *testing.T) {
	in := strings.Repeat("a", 100) + "\nok\n" + strings.Repeat("b", 5000)
	src := &readerSource{r: bufio.NewReaderSize(strings.NewReader(in), 16)}
	r := bufio.NewReaderSize(strings.NewReader(in), 16)
	if _, tail, err := readBounded(r, 50); !errors.Is(err, errLineTooLong) || tail != "aa" {
		t.Fatalf("100-byte line with limit 50: tail %q, %v", tail, err)
	}
	if l, _, err := readBounded(r, 50); l != "ok\n" || err != nil {
		t.Fatalf("next line %q, %v", l, err)
	}
	if _, _, err := readBounded(r, 50); !errors.Is(err, errLineTooLong) {
		t.Fatalf("unterminated long tail: %v", err)
	}
	if l, err := src.readLine(""); len(l) != 100 || err != nil {
		t.Fatalf("readLine within maxLine: %d bytes, %v", len(l), err)
	}
}

// TestRequote: a quoted word that record writes back reads as the same
// word (send 'a\n' must not come back as a literal backslash).
func TestRequote(t *testing.T) {
	for _, src := range []string{`'a\n'`, `"say \"hi\""`, `'x;y z'`, `"\\"`, `"a\\\""`, `'it''s'`, `"tab\there"`, `'a\"'`, `'a\"b\\'`} {
		want, err := tokenize(src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tokenize(requote(want[0][0].Text))
		if err != nil || len(got) != 1 || len(got[0]) != 1 || got[0][0].Text != want[0][0].Text {
			t.Errorf("%s: requote(%q) = %s reads as %v, %v", src, want[0][0].Text, requote(want[0][0].Text), got, err)
		}
	}
}
