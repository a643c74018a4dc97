// Package words is socklab's catalog: every sentence a person reads, in
// English and Brazilian Portuguese, under a key.
//
// Each area of socklab keeps its messages in a file of its own here
// (shell.go, explain.go, check.go, ...), registered with [add] from an init
// function. Code renders a message with [T] (or [N] for a count):
//
//	words.T("shell.unknown_command", name)
//
// Messages are fmt formats; the Portuguese one may reorder its arguments
// with explicit indexes (%[2]s). The catalog test checks that every message
// has both languages, that both use the same verbs for the same arguments,
// that every key named in the code exists and that every key is used.
//
// The language is chosen once, at start, with [SetLang] (from --lang, or
// [FromEnv]); it is process-wide, as a program's locale is.
package words

import (
	"fmt"
	"strings"
	"sync/atomic"
)

// Lang is a language of the catalog.
type Lang int

// The catalog's languages.
const (
	EN Lang = iota // English, the default
	PT             // Brazilian Portuguese
)

// String returns the language's code: "en" or "pt".
func (l Lang) String() string {
	if l == PT {
		return "pt"
	}
	return "en"
}

// Text is one message in both languages.
type Text struct {
	EN string // English
	PT string // Brazilian Portuguese
}

// Plural is a message whose words follow a count: One for 1, Other for the
// rest, 0 included. English and Brazilian Portuguese share that rule: a
// Brazilian says "0 pacotes", "zero graus" (CLDR's pt puts 0 with one,
// which reads "0 pacote mostrado", a slip to a student's eye).
type Plural struct {
	One   Text
	Other Text
}

// dynamic are the prefixes of keys built at run time from netops' facts
// (an errno's POSIX name, a call's name and the TCP state after it, a
// socket option) or from the shell's command table (a command's help):
// the catalog test counts a key under one of them as used when the code
// names the prefix.
var dynamic = []string{"errtext.", "errno.", "call.", "help."}

var (
	lang    atomic.Int32
	texts   = map[string]Text{}
	plurals = map[string]Plural{}
)

// add registers messages; it is called from the init functions of the
// catalog's files and panics on a key registered twice.
func add(m map[string]Text) {
	for k, t := range m {
		if _, dup := texts[k]; dup {
			panic("words: key registered twice: " + k)
		}
		texts[k] = t
	}
}

// addPlural registers plural messages, as [add] does.
func addPlural(m map[string]Plural) {
	for k, p := range m {
		if _, dup := plurals[k]; dup {
			panic("words: plural key registered twice: " + k)
		}
		plurals[k] = p
	}
}

// SetLang sets the language of every message from now on.
func SetLang(l Lang) { lang.Store(int32(l)) }

// Current returns the language in use.
func Current() Lang { return Lang(lang.Load()) }

// Parse reads a --lang value: "en" or "pt" (also "pt-BR", "pt_BR", "en_US"...).
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(s)
	switch {
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-"):
		return EN, true
	case s == "pt" || strings.HasPrefix(s, "pt_") || strings.HasPrefix(s, "pt-"):
		return PT, true
	}
	return EN, false
}

// FromEnv returns the language the environment asks for: the first set of
// LC_ALL, LC_MESSAGES and LANG, Portuguese when it starts with "pt",
// English otherwise; with none of them set, the system's own language
// (Windows sets no LANG: its user's display language, "pt-BR"). getenv is
// os.Getenv, or a stand-in in tests.
func FromEnv(getenv func(string) string) Lang { return fromEnv(getenv, systemLang) }

// fromEnv is [FromEnv] with the system's language (a name such as "pt-BR",
// or "" when the system has none to tell) read by system.
func fromEnv(getenv func(string) string, system func() string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "pt") {
				return PT
			}
			return EN
		}
	}
	if l, ok := Parse(system()); ok {
		return l
	}
	return EN
}

// T renders the message key in the current language with args.
func T(key string, args ...any) string { return In(Current(), key, args...) }

// In renders the message key in language l with args. An unknown key
// renders as the key itself, so a slip shows instead of vanishing (the
// catalog test keeps it from landing).
func In(l Lang, key string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	return format(t.pick(l), args)
}

// N renders the plural message key for count n (which is also the first
// argument of the format, before args).
func N(key string, n int64, args ...any) string {
	p, ok := plurals[key]
	if !ok {
		return key
	}
	l := Current()
	t := p.Other
	if n == 1 {
		t = p.One
	}
	return format(t.pick(l), append([]any{n}, args...))
}

func (t Text) pick(l Lang) string {
	if l == PT && t.PT != "" {
		return t.PT
	}
	return t.EN
}

func format(f string, args []any) string { return fmt.Sprintf(f, args...) }

// Has reports whether the catalog holds the message key; code that builds a
// key from a fact (an errno name, a call) asks before rendering it.
func Has(key string) bool { _, ok := texts[key]; return ok }
