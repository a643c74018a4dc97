package repl

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"

	"github.com/socklab/socklab/words"
)

// sessionCommands look at and steer the shell itself.
var sessionCommands = []*Command{
	{
		Name:     "sockets",
		Aliases:  []string{"ls"},
		Usage:    "sockets",
		Examples: []string{"sockets"},
		Run:      runSockets,
	},
	{
		Name:     "use",
		Usage:    "use ID",
		Examples: []string{"use 2"},
		MinArgs:  1, MaxArgs: 1,
		Complete: func(s *Session, before []string, word string) []string {
			if len(before) > 0 {
				return nil
			}
			return s.idWords()
		},
		Run: runUse,
	},
	{
		Name:     "help",
		Aliases:  []string{"?"},
		Usage:    "help [COMMAND]",
		Examples: []string{"help", "help recv"},
		MaxArgs:  1,
		Complete: func(s *Session, before []string, word string) []string {
			if len(before) > 0 {
				return nil
			}
			return names()
		},
		Run: runHelp,
	},
	{
		Name:     "quit",
		Aliases:  []string{"exit"},
		Usage:    "quit",
		Examples: []string{"quit"},
		Run: func(_ context.Context, s *Session, _ *Args) error {
			s.quitOnce.Do(func() { close(s.quit) })
			return nil
		},
	},
}

// idWords returns the open socket ids, for completion.
func (s *Session) idWords() []string {
	var l []string
	for _, sock := range s.table.List() {
		l = append(l, strconv.Itoa(sock.ID))
	}
	return l
}

func runSockets(ctx context.Context, s *Session, a *Args) error {
	l := s.table.List()
	if len(l) == 0 {
		s.Printf("%s", words.T("session.no_sockets"))
		return nil
	}
	cur := s.Current()
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, words.T("session.sockets_head"))
	for _, sock := range l {
		inf := sock.Info()
		mark := " "
		if sock == cur {
			mark = "*"
		}
		remote, state := inf.Remote, inf.State
		local := inf.Local
		switch {
		case inf.Kind == netops.KindConn && inf.Proto == "unix":
			local, remote = shownAddr(inf.Proto, local), shownAddr(inf.Proto, remote)
		case remote == "" && inf.Kind == netops.KindPacket:
			remote = "*:*" // unconnected: datagrams from anyone, as netstat shows it
		case remote == "":
			remote = "-"
		}
		if state == "" {
			state = words.T("session.state_unknown")
			if inf.Kind == netops.KindPacket || inf.Proto == "unix" { // no TCP state to tell
				state = "-"
			}
		}
		extra := ""
		if inf.Kind == netops.KindListener && inf.Queue >= 0 {
			extra = words.T("session.queue", inf.Queue)
			if inf.Backlog >= 0 {
				extra += fmt.Sprintf("/%d", inf.Backlog)
			}
		}
		if inf.Last != "" {
			extra = words.T("udp.last_from", inf.Last)
		}
		if inf.Owner != "" {
			extra = strings.TrimSpace(extra + " (" + inf.Owner + ")")
		}
		fmt.Fprintf(tw, "[%d]%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", inf.ID, mark, inf.Proto, say.KindWord(inf.Kind), local, remote, state, inf.In, inf.Out, inf.Age.Truncate(time.Second), extra)
	}
	tw.Flush()
	var out strings.Builder
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		out.WriteString(strings.TrimRight(line, " \n"))
		if line != "" {
			out.WriteString("\n")
		}
	}
	s.Printf("%s", out.String())
	return nil
}

func runUse(ctx context.Context, s *Session, a *Args) error {
	id, err := strconv.Atoi(strings.Trim(a.Words[0], "[]"))
	if err != nil {
		return usageT(a.Command, "session.bad_id", a.Words[0])
	}
	sock, err := s.getSocket(id)
	if err != nil {
		return err
	}
	s.SetCurrent(sock)
	s.Event(id, "%s", words.T("session.now_current"))
	return nil
}

func runHelp(ctx context.Context, s *Session, a *Args) error {
	if len(a.Words) == 0 {
		s.Printf("%s", helpList())
		return nil
	}
	if a.Words[0] == "states" {
		s.Printf("%s", s.statesText())
		return nil
	}
	c := lookup(a.Words[0])
	if c == nil {
		return unknownCommand(a.Words[0])
	}
	s.Printf("%s", helpFor(c))
	return nil
}

// helpList is the text of a bare `help`.
func helpList() string {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, c := range commandTable {
		fmt.Fprintf(tw, "  %s\t%s\n", c.Name, c.Text("summary"))
	}
	tw.Flush()
	return words.T("session.commands") + "\n" + buf.String() + words.T("session.help_footer")
}

// helpFor is the text of `help NAME`.
func helpFor(c *Command) string {
	var b strings.Builder
	b.WriteString(words.T("session.usage", usageOfCommand(c)) + "\n")
	if len(c.Aliases) > 0 {
		b.WriteString(words.T("session.also", strings.Join(c.Aliases, ", ")) + "\n")
	}
	fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.Text("text")))
	if len(c.Flags) > 0 {
		b.WriteString("\n" + words.T("session.options") + "\n")
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		for _, f := range c.Flags {
			fmt.Fprintf(tw, "  --%s\t%s\n", strings.TrimSpace(f.Name+" "+localPlaceholders(f.Value)), c.Text("flag."+f.Name))
		}
		tw.Flush()
		b.Write(buf.Bytes())
	}
	if len(c.Examples) > 0 {
		b.WriteString("\n" + words.T("session.examples") + "\n")
		for _, e := range c.Examples {
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	b.WriteString("\n" + words.T("session.calls", c.Text("calls")) + "\n")
	return b.String()
}
