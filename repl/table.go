package repl

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// Command is one shell command. The one table of them, [Commands], drives
// parsing, `help`, tab completion and the "did you mean" on a typo.
type Command struct {
	Name    string   // what the person types
	Aliases []string // other names for it ("exit" for "quit")
	Usage   string   // the synopsis: "recv [ID] [MAX] [--timeout D] ..."
	// Its words live in the catalog (package words): "help.NAME.summary"
	// (one line for the `help` list), "help.NAME.text" (what it does,
	// printed by `help NAME` under the usage, followed by Flags, Examples
	// and Calls), "help.NAME.calls" (the socket calls it makes) and
	// "help.NAME.flag.FLAG" for each option; see [Command.Text].
	Examples []string // command lines that show it in use; each must parse
	// Flags are the --options the command takes; the dispatcher
	// ([Session.parse]) and completion read them.
	Flags []Flag
	// Socket says the command takes an optional socket id as its first
	// argument, defaulting to the current socket (see `help send`).
	Socket bool
	// Wants, if set, is the kind of socket the command works on: when the
	// id is left out and the current socket is of another kind, the newest
	// open socket of this kind is used (accept after connect means the listener).
	Wants netops.Kind
	// MinArgs and MaxArgs bound the arguments after the socket id (MaxArgs
	// -1: any number). The dispatcher checks them.
	MinArgs, MaxArgs int
	// Raw says the words after the name are the command's own (a script's
	// arguments, Lua code): no options, no socket id, no count is checked;
	// Run finds them all in Args.Words.
	Raw bool
	// Run carries the command out with its arguments, parsed once by the
	// dispatcher. Words have their quotes removed, but escapes such as \n
	// are left for the command to decode.
	Run func(ctx context.Context, s *Session, a *Args) error
	// Complete, if not nil, returns candidates for the word being typed,
	// given the complete words before it. Without it, completion offers
	// socket ids (when Socket is set) and Flags.
	Complete func(s *Session, before []string, word string) []string
}

// Text returns the command's words from the catalog, in the language in
// use: part is "summary", "text", "calls" or "flag.NAME".
func (c *Command) Text(part string) string { return words.T("help." + c.Name + "." + part) }

// Flag is one --option of a [Command]; its help is the catalog's
// "help.COMMAND.flag.NAME".
type Flag struct {
	Name  string // without the dashes: "timeout"
	Value string // the value's placeholder ("D", "N", "DELIM"), "" for a switch
	// Fills says the option stands for the command's required argument, as
	// send --hex HEX stands for its TEXT.
	Fills bool
}

// Commands returns the shell's command table in help order. The groups live
// in their own files (cmd_*.go).
func Commands() []*Command { return commandTable }

// commandTable is filled by init, since `help` reads it: a package-level
// initialiser would make an initialisation cycle.
var commandTable []*Command

func init() {
	commandTable = slices.Concat(socketCommands, dataCommands, udpCommands, sessionCommands, scriptCommands, teachCommands, captureCommands, relayCommands, labCommands)
}

// lookup returns the command called name (or one of its aliases), or nil.
func lookup(name string) *Command {
	for _, c := range commandTable {
		if c.Name == name || slices.Contains(c.Aliases, name) {
			return c
		}
	}
	return nil
}

// names returns every command name and alias, sorted.
func names() []string {
	var l []string
	for _, c := range commandTable {
		l = append(l, c.Name)
		l = append(l, c.Aliases...)
	}
	sort.Strings(l)
	return slices.Compact(l)
}

// suggest returns the command name closest to a mistyped one, or "" when
// none is close enough to be a plausible typo.
func suggest(typed string) string {
	best, bestD := "", 3
	for _, n := range names() {
		d := editDistance(strings.ToLower(typed), n)
		if strings.HasPrefix(n, typed) && len(typed) >= 2 {
			d = min(d, 1)
		}
		if d < bestD && d < len(typed) {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours cost one.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
