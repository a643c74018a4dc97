package repl

import (
	"regexp"

	"github.com/socklab/socklab/words"
)

// placeholder is a word of a usage line that stands for what the user
// types: PORT, FILE, LISTEN_ADDR...
var placeholder = regexp.MustCompile(`\b[A-Z][A-Z_]*\b`)

// placeholders are the usage lines' words that the catalog translates (as
// the help texts say them: PORTA, ARQUIVO); the others (HOST, ID, MAX, D...)
// read the same in both languages.
var placeholders = map[string]string{
	"PORT":        "usage.PORT",
	"FILE":        "usage.FILE",
	"PATH":        "usage.PATH",
	"TEXT":        "usage.TEXT",
	"NAME":        "usage.NAME",
	"VALUE":       "usage.VALUE",
	"CODE":        "usage.CODE",
	"COMMAND":     "usage.COMMAND",
	"LISTEN_ADDR": "usage.LISTEN_ADDR",
	"TARGET_ADDR": "usage.TARGET_ADDR",
}

// usageOfCommand is c's usage line in the current language: its
// placeholders in the catalog's words, commands and flags as typed.
func usageOfCommand(c *Command) string { return localPlaceholders(c.Usage) }

// localPlaceholders says the placeholders of s (a usage line, a flag's
// value) in the current language.
func localPlaceholders(s string) string {
	return placeholder.ReplaceAllStringFunc(s, func(w string) string {
		if k, ok := placeholders[w]; ok {
			return words.T(k)
		}
		return w
	})
}
