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
)

// sessionCommands look at and steer the shell itself.
var sessionCommands = []*Command{
	{
		Name:    "sockets",
		Aliases: []string{"ls"},
		Usage:   "sockets",
		Summary: "list the open sockets",
		Help: `Lists the open sockets: id (* marks the current one), protocol, kind,
local and remote address, the kernel's TCP state ("unknown" where the
system cannot tell), bytes received and sent, and age. For a listener it
adds its accept queue: connections the kernel finished, not yet accepted,
out of the backlog.`,
		Examples: []string{"sockets"},
		Calls:    "getsockopt(TCP_INFO) for the state",
		Run:      runSockets,
	},
	{
		Name:     "use",
		Usage:    "use ID",
		Summary:  "make a socket the current one",
		Help:     `Makes socket ID the current socket: the one commands use when no id is given. The prompt shows it.`,
		Examples: []string{"use 2"},
		Calls:    "none",
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
		Name:    "help",
		Aliases: []string{"?"},
		Usage:   "help [COMMAND]",
		Summary: "list the commands, or explain one",
		Help: `Without an argument, lists the commands. With one, shows its usage, what
it does, its options, examples, and the socket calls it makes.`,
		Examples: []string{"help", "help recv"},
		Calls:    "none",
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
		Summary:  "close every socket and leave",
		Help:     `Closes every socket and leaves the shell. Ctrl-D at an empty prompt does the same.`,
		Examples: []string{"quit"},
		Calls:    "close, for each socket",
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
		s.Printf("no open sockets")
		return nil
	}
	cur := s.Current()
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPROTO\tKIND\tLOCAL\tREMOTE\tSTATE\tIN\tOUT\tAGE\t")
	for _, sock := range l {
		inf := sock.Info()
		mark := " "
		if sock == cur {
			mark = "*"
		}
		remote, state := inf.Remote, inf.State
		if remote == "" {
			remote = "-"
		}
		if state == "" {
			state = "unknown"
			if inf.Kind == netops.KindPacket {
				state = "-"
			}
		}
		extra := ""
		if inf.Kind == netops.KindListener && inf.Queue >= 0 {
			extra = fmt.Sprintf("queue %d", inf.Queue)
			if inf.Backlog >= 0 {
				extra += fmt.Sprintf("/%d", inf.Backlog)
			}
		}
		if inf.Owner != "" {
			extra = strings.TrimSpace(extra + " (" + inf.Owner + ")")
		}
		fmt.Fprintf(tw, "[%d]%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", inf.ID, mark, inf.Proto, inf.Kind, inf.Local, remote, state, inf.In, inf.Out, inf.Age.Truncate(time.Second), extra)
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
		return usageError(a.Command, "bad socket id %q: want a number such as 1", a.Words[0])
	}
	sock, err := s.getSocket(id)
	if err != nil {
		return err
	}
	s.SetCurrent(sock)
	s.Event(id, "is now the current socket")
	return nil
}

func runHelp(ctx context.Context, s *Session, a *Args) error {
	if len(a.Words) == 0 {
		s.Printf("%s", helpList())
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
		fmt.Fprintf(tw, "  %s\t%s\n", c.Name, c.Summary)
	}
	tw.Flush()
	return "commands:\n" + buf.String() +
		"help COMMAND shows its usage, examples and socket calls. Ids look like [1];\n" +
		"commands that take one use the current socket (shown in the prompt) without it.\n"
}

// helpFor is the text of `help NAME`.
func helpFor(c *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s\n", c.Usage)
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "also:  %s\n", strings.Join(c.Aliases, ", "))
	}
	fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.Help))
	if len(c.Flags) > 0 {
		b.WriteString("\noptions:\n")
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		for _, f := range c.Flags {
			fmt.Fprintf(tw, "  --%s\t%s\n", strings.TrimSpace(f.Name+" "+f.Value), f.Help)
		}
		tw.Flush()
		b.Write(buf.Bytes())
	}
	if len(c.Examples) > 0 {
		b.WriteString("\nexamples:\n")
		for _, e := range c.Examples {
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	if c.Calls != "" {
		fmt.Fprintf(&b, "\nsocket calls: %s\n", c.Calls)
	}
	return b.String()
}
