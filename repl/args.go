package repl

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// Args are a command's arguments, sorted out once by the dispatcher
// ([Session.parse]) according to the command's table entry, and handed to
// its [Command.Run].
type Args struct {
	Command *Command       // the command being run
	Sock    *netops.Socket // the socket named by the id, or the current one (commands with Socket set)
	Words   []string       // the other arguments, in order (every word, for a Raw command)
	Timeout time.Duration  // --timeout, checked by parse; 0 when not given
	quoted  []bool         // per word: it was (partly) quoted
	flags   map[string]string
	idWord  string // the socket id as typed, when the first word was taken as one
}

// Has reports whether the option --name was given.
func (a *Args) Has(name string) bool { _, ok := a.flags[name]; return ok }

// String returns the value of --name, or "".
func (a *Args) String(name string) string { return a.flags[name] }

// Duration returns the value of --name as a Go duration (500ms, 2s), or 0
// when it was not given.
func (a *Args) Duration(name string) (time.Duration, error) {
	v, ok := a.flags[name]
	if !ok {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		if n, err2 := strconv.ParseFloat(v, 64); err2 == nil && n >= 0 {
			return 0, usageT(a.Command, "args.no_unit", name, v)
		}
		return 0, usageT(a.Command, "args.bad_duration", name, v)
	}
	if d < 0 {
		return 0, usageT(a.Command, "args.negative", name, v)
	}
	if d == 0 && strings.ContainsAny(v, "123456789") {
		d = time.Nanosecond // 0.5ns is a (very short) wait, not "no limit"
	}
	return d, nil
}

// Int returns the value of --name as a number from 0 to 2147483647 (what
// the kernel's C int holds), or def when it was not given.
func (a *Args) Int(name string, def int) (int, error) {
	v, ok := a.flags[name]
	if !ok {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 32) // checked in full, never cut
	if err != nil || n < 0 {
		return 0, usageT(a.Command, "args.bad_number", name, v)
	}
	return int(n), nil
}

// Quoted reports whether Words[i] was quoted, so is text and never a
// keyword such as `&`.
func (a *Args) Quoted(i int) bool { return i < len(a.quoted) && a.quoted[i] }

// Text returns Words joined by single spaces, as echo does.
func (a *Args) Text() string { return strings.Join(a.Words, " ") }

// parse sorts out the words after a command's name by its table entry:
// --options (Flags; `--` ends them; quoted words are never options), then
// for commands with Socket set the socket id, then the count of the other
// words (MinArgs, MaxArgs). A Raw command gets its words as they are.
//
// The id rule: ids are never reused, so a bare (unquoted) integer first
// argument that was ever given as an id is that socket's id, open or not
// (`send 2 hello` sends "hello" on [2]; after `close 2` it fails with "[2]
// is closed"; `send 2` lacks its text). It is also an id, an unknown one,
// when the command could not take it as anything else (`close 7`).
// Otherwise the current socket is used. Data that is a number is quoted:
// send "2".
func (s *Session) parse(cmd *Command, toks []token) (*Args, error) {
	a := &Args{Command: cmd, flags: map[string]string{}}
	if cmd.Raw {
		a.Words = texts(toks)
		for _, t := range toks {
			a.quoted = append(a.quoted, t.Quoted)
		}
		return a, nil
	}
	var wq []bool
	for i := 0; i < len(toks); i++ {
		w := toks[i].Text
		if toks[i].Quoted || !strings.HasPrefix(w, "--") {
			a.Words, wq = append(a.Words, w), append(wq, toks[i].Quoted)
			continue
		}
		if w == "--" {
			for j := i + 1; j < len(toks); j++ {
				a.Words, wq = append(a.Words, toks[j].Text), append(wq, true)
			}
			break
		}
		name, val, hasVal := strings.Cut(w[2:], "=")
		f := findFlag(cmd, name)
		if f == nil {
			return nil, usageT(cmd, "args.unknown_option", name, cmd.Name, flagList(cmd))
		}
		switch {
		case f.Value == "" && hasVal:
			return nil, usageT(cmd, "args.no_value", name)
		case f.Value != "" && !hasVal:
			if i+1 >= len(toks) {
				return nil, usageT(cmd, "args.needs_value", name, localPlaceholders(f.Value))
			}
			i++
			val = toks[i].Text
		}
		a.flags[name] = val
	}
	a.quoted = wq
	var err error
	if a.Timeout, err = a.Duration("timeout"); err != nil {
		return nil, err
	}
	need := cmd.MinArgs
	for name := range a.flags {
		if f := findFlag(cmd, name); f.Fills && need > 0 {
			need--
		}
	}
	if cmd.Socket {
		if err := s.pickSocket(cmd, a, need); err != nil {
			return nil, err
		}
	}
	n := len(a.Words)
	switch {
	case n < need && a.idWord != "":
		return nil, withHint(errors.New(words.T("args.needs", cmd.Name, argCount(need, cmd.Socket))),
			words.T("limits.id_quote_number", a.idWord, cmd.Name), words.T("shell.usage", usageOfCommand(cmd)))
	case n < need:
		return nil, usageT(cmd, "args.needs", cmd.Name, argCount(need, cmd.Socket))
	case cmd.MaxArgs >= 0 && n > cmd.MaxArgs:
		if cmd.MaxArgs == 0 {
			return nil, usageT(cmd, "args.takes_none", cmd.Name, a.Words[0])
		}
		return nil, usageT(cmd, "args.at_most", cmd.Name, argCount(cmd.MaxArgs, cmd.Socket))
	}
	return a, nil
}

// pickSocket applies the id rule of [Session.parse].
func (s *Session) pickSocket(cmd *Command, a *Args, need int) error {
	if len(a.Words) > 0 && !a.quoted[0] && isUint(a.Words[0]) {
		id, _ := strconv.Atoi(a.Words[0])
		rest := len(a.Words) - 1
		fits := rest >= need
		tooMany := cmd.MaxArgs >= 0 && len(a.Words) > cmd.MaxArgs
		if s.table.Issued(id) || (fits && tooMany) {
			sock, err := s.getSocket(id)
			if err != nil {
				return err
			}
			a.idWord = a.Words[0]
			a.Sock, a.Words, a.quoted = sock, a.Words[1:], a.quoted[1:]
			return nil
		}
	}
	a.Sock = s.Current()
	if cmd.Wants != 0 && (a.Sock == nil || a.Sock.Kind != cmd.Wants) {
		if l := s.newest(cmd.Wants); l != nil {
			a.Sock = l
		}
	}
	if a.Sock == nil {
		l := s.table.List()
		if len(l) == 0 {
			return withHint(errors.New(words.T("shell.no_current", cmd.Name)), s.openIDs())
		}
		return withHint(errors.New(words.T("shell.no_current", cmd.Name)), s.openIDs(),
			words.T("shell.name_one", cmd.Name, l[0].ID))
	}
	return nil
}

// newest returns the most recently opened socket of kind k, or nil.
func (s *Session) newest(k netops.Kind) *netops.Socket {
	l := s.table.List()
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Kind == k {
			return l[i]
		}
	}
	return nil
}

func isUint(w string) bool {
	if w == "" || len(w) > 9 {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func findFlag(cmd *Command, name string) *Flag {
	for i := range cmd.Flags {
		if cmd.Flags[i].Name == name {
			return &cmd.Flags[i]
		}
	}
	return nil
}

// flagList is ": it takes --a, --b D" or ": it takes no options".
func flagList(cmd *Command) string {
	if len(cmd.Flags) == 0 {
		return words.T("args.no_options")
	}
	l := make([]string, len(cmd.Flags))
	for i, f := range cmd.Flags {
		l[i] = "--" + f.Name
	}
	return words.T("args.takes", strings.Join(l, ", "))
}

func argCount(n int, socket bool) string {
	s := words.N("n.arguments", int64(n))
	if socket {
		s = words.T("args.after_id", s)
	}
	return s
}
