package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// teachCommands are the teaching layer's commands (socket, bind, the
// step-wise listen and connect, explain, netstat, option, record). The
// step-wise `listen ID [BACKLOG]` and `connect ID HOST:PORT` share their
// names with the one-step commands, which hand them over (see
// [Session.stepListen]).
var teachCommands = []*Command{
	{
		Name:     "socket",
		Usage:    "socket tcp|udp",
		Examples: []string{"socket tcp", "socket udp"},
		MinArgs:  1, MaxArgs: 1,
		Complete: func(*Session, []string, string) []string { return []string{"tcp", "udp"} },
		Run:      runSocket,
	},
	{
		Name:     "bind",
		Usage:    "bind [ID] [HOST]:PORT",
		Examples: []string{"bind 1 127.0.0.1:8888", "bind :0"},
		Socket:   true, MinArgs: 1, MaxArgs: 1,
		Run: runBind,
	},
	{
		Name:     "explain",
		Usage:    "explain [on|off]",
		Examples: []string{"explain on", "explain off"},
		MaxArgs:  1,
		Complete: func(*Session, []string, string) []string { return []string{"on", "off"} },
		Run:      runExplain,
	},
	{
		Name:     "netstat",
		Usage:    "netstat [PORT | -a | -an]",
		Examples: []string{"netstat", "netstat 8888", "netstat -an"},
		MaxArgs:  1,
		Run:      runNetstat,
	},
	{
		Name:     "option",
		Usage:    "option [ID] [NAME [VALUE]]",
		Examples: []string{"option", "option 1 reuseaddr on", "option linger 0", "option 2 rcvbuf"},
		Socket:   true, MaxArgs: 2,
		Complete: func(*Session, []string, string) []string { return netops.OptionNames },
		Run:      runOption,
	},
	{
		Name:     "record",
		Usage:    "record FILE.md | record off",
		Examples: []string{"record lab1.md", "record off"},
		MinArgs:  1, MaxArgs: 1,
		Run: runRecord,
	},
}

func runSocket(ctx context.Context, s *Session, a *Args) error {
	proto, err := netops.ParseProto(a.Words[0])
	if err != nil {
		return usageOf(a.Command, err)
	}
	sock, err := s.table.Socket(proto, "")
	if err != nil {
		return withHint(err, words.T("teach.no_step"))
	}
	s.SetCurrent(sock)
	s.showStep(sock, words.T("teach.created"))
	return nil
}

// showStep prints a step socket's line: "[1] tcp socket fd 5 ...  state CLOSE".
func (s *Session) showStep(sock *netops.Socket, what string) {
	inf := sock.Info()
	s.Event(sock.ID, "%s", words.T("teach.socket", inf.Proto, inf.FD, what, stateText(inf.State)))
}

// stateText is "  state X", or "" when the kernel does not say.
func stateText(st string) string {
	if st == "" {
		return ""
	}
	return words.T("sock.state", st)
}

func runBind(ctx context.Context, s *Session, a *Args) error {
	n, err := a.Sock.Bind(a.Words[0])
	if err != nil {
		return s.teachError(err)
	}
	if n != a.Sock {
		s.Adopt(n)
		s.showSocket(n)
		return nil
	}
	s.showStep(n, words.T("teach.bound", n.LocalAddr()))
	return nil
}

// teachError adds to a failed step the meaning of its errno, unless the
// shell's own hints already say what to do.
func (s *Session) teachError(err error) error {
	if len(s.socketHints(err)) > 0 {
		return err
	}
	if m := say.Meaning(err); m != "" {
		return withHint(err, m)
	}
	return err
}

// stepSocket returns the open socket named by an unquoted integer first
// word, or nil: `listen 1` on an open [1] is the step call listen(2) on it
// (on a UDP or connected socket the kernel's error), while `listen 8888`
// with no [8888] open is the one-step listen on port 8888.
func (s *Session) stepSocket(a *Args) *netops.Socket {
	if len(a.Words) == 0 || a.Quoted(0) || !isUint(a.Words[0]) {
		return nil
	}
	id, _ := strconv.Atoi(a.Words[0])
	sock, err := s.table.Get(id)
	if err != nil {
		return nil
	}
	return sock
}

// stepShaped reports whether a has the shape of a step form whichever
// sockets are open, so that with no such socket it is an error and never
// the one-step command on another address: `connect ID HOST:PORT` (the
// one-step connect takes one address), `listen ID BACKLOG`, and `listen N`
// with N from 1 to 1023 (ids are small; the one-step listen on such a port
// is written `listen :N`).
func stepShaped(a *Args) bool {
	if len(a.Words) == 0 || a.Quoted(0) || !isUint(a.Words[0]) {
		return false
	}
	if a.Command.Name == "connect" || len(a.Words) == 2 {
		return true
	}
	n, err := strconv.Atoi(a.Words[0])
	return err == nil && n >= 1 && n < 1024 // 0 is no id: listen 0 is port 0
}

// noStepSocket is the error of a step form naming no open socket.
func (s *Session) noStepSocket(a *Args) error {
	id, _ := strconv.Atoi(a.Words[0])
	err := &noSocket{id: id, err: netops.ErrNoSocket}
	hint := words.T("windows.step_no_socket", a.Command.Name, id)
	if a.Command.Name == "listen" && len(a.Words) == 1 {
		hint = words.T("windows.step_listen_no_socket", id)
	}
	if len(s.table.List()) == 0 {
		return withHint(err, hint)
	}
	return withHint(err, hint, s.openIDs())
}

// stepListen runs `listen ID [BACKLOG]` when the first argument names an
// open step socket, and reports whether it did; a step form naming no
// socket is an error (see [stepShaped]). The one-step listen command calls
// it first.
func (s *Session) stepListen(a *Args) (bool, error) {
	sock := s.stepSocket(a)
	if sock == nil {
		if stepShaped(a) {
			return true, s.noStepSocket(a)
		}
		return false, nil
	}
	backlog, err := a.Int("backlog", 0)
	if err != nil {
		return true, err
	}
	if len(a.Words) == 2 {
		if a.Has("backlog") {
			return true, usageT(a.Command, "teach.backlog_twice", a.Words[1])
		}
		b, err := strconv.ParseInt(a.Words[1], 10, 32) // a C int: checked in full, never cut
		if err != nil || b < 0 {
			return true, usageT(a.Command, "teach.bad_backlog", a.Words[1], sock.ID)
		}
		backlog = int(b)
	}
	ln, err := sock.Listen(backlog)
	if err != nil {
		return true, s.teachError(err)
	}
	s.Adopt(ln)
	s.showSocket(ln)
	return true, nil
}

// stepConnect runs `connect ID HOST:PORT` when the first argument names an
// open step socket, and reports whether it did; with no such socket it is
// an error (see [stepShaped]). The one-step connect
// command calls it first.
func (s *Session) stepConnect(ctx context.Context, a *Args) (bool, error) {
	if len(a.Words) != 2 {
		return false, nil
	}
	sock := s.stepSocket(a)
	if sock == nil {
		if stepShaped(a) {
			return true, s.noStepSocket(a)
		}
		return false, nil
	}
	if a.Has("retry") || a.Has("tries") {
		return true, usageT(a.Command, "teach.connect_one_call", sock.ID)
	}
	c, err := sock.Connect(ctx, a.Words[1], a.Timeout)
	if err != nil {
		return true, s.teachError(err)
	}
	s.Adopt(c)
	s.showSocket(c)
	return true, nil
}

func runExplain(ctx context.Context, s *Session, a *Args) error {
	if len(a.Words) == 0 {
		on := s.teach().explain.Load()
		if on {
			s.Printf("%s", words.T("teach.explain_is_on"))
		} else {
			s.Printf("%s", words.T("teach.explain_is_off"))
		}
		return nil
	}
	switch a.Words[0] {
	case "on":
		s.setExplain(true)
		s.Printf("%s", words.T("teach.explain_on"))
	case "off":
		s.setExplain(false)
		s.Printf("%s", words.T("teach.explain_off"))
	default:
		return usageT(a.Command, "teach.explain_want", a.Words[0])
	}
	return nil
}

func runNetstat(ctx context.Context, s *Session, a *Args) error {
	var err error
	port := 0
	if len(a.Words) == 1 && isAllFlag(a.Words[0]) {
		es, err := s.table.NetstatAll()
		if err != nil {
			return err
		}
		s.Printf("%s", netstatTable(es))
		return nil
	}
	if len(a.Words) == 1 {
		if port, err = netops.ParsePort(a.Words[0]); err != nil || port == 0 {
			return usageT(a.Command, "teach.bad_port", a.Words[0])
		}
	}
	es, err := s.table.Netstat(port)
	if errors.Is(err, netops.ErrNotAvailable) {
		return withHint(err, words.T("hint.netstat_other"))
	}
	if err != nil {
		return err
	}
	if len(es) == 0 {
		if port == 0 && len(s.table.Ports()) == 0 {
			s.Printf("%s", words.T("teach.no_ports"))
		} else {
			s.Printf("%s", words.T("teach.kernel_none", portsText(port, s.table.Ports())))
		}
		return nil
	}
	s.Printf("%s", netstatTable(es))
	return nil
}

// isAllFlag reports whether w asks netstat for every socket, as students
// type it: -a, -an, -na (socklab's addresses are always numeric).
func isAllFlag(w string) bool {
	switch w {
	case "-a", "-an", "-na", "-nap", "-anp", "-tuna", "-tuan":
		return true
	}
	return false
}

func portsText(port int, ports []int) string {
	if port != 0 {
		return words.T("teach.port", strconv.Itoa(port))
	}
	l := make([]string, len(ports))
	for i, p := range ports {
		l[i] = strconv.Itoa(p)
	}
	return words.T("teach.ports", strings.Join(l, ", "))
}

// netstatTable formats the kernel's entries as netstat does.
func netstatTable(es []netops.NetEntry) string {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, words.T("teach.netstat_head"))
	for _, e := range es {
		sendQ := fmt.Sprint(e.SendQ)
		if e.SendQ < 0 {
			sendQ = "-" // another program's backlog: not known
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t\n", e.Proto, e.Local, e.Remote, e.State, e.RecvQ, sendQ, say.Owner(e))
	}
	tw.Flush()
	return trimLines(buf.String())
}

// trimLines removes the spaces tabwriter leaves at the ends of lines.
func trimLines(s string) string {
	var out strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if line == "" {
			continue
		}
		out.WriteString(strings.TrimRight(line, " \n") + "\n")
	}
	return out.String()
}

func runOption(ctx context.Context, s *Session, a *Args) error {
	switch len(a.Words) {
	case 0:
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		for _, o := range a.Sock.Options() {
			v := o.Value
			if o.Err != nil {
				v = optionUnread(o.Err)
			}
			fmt.Fprintf(tw, "[%d] %s\t%s\t%s\t\n", a.Sock.ID, o.Name, o.Sys, v)
		}
		tw.Flush()
		s.Printf("%s", trimLines(buf.String()))
	case 1:
		v, err := a.Sock.Option(a.Words[0])
		if err != nil {
			return s.teachError(optionError(err))
		}
		s.Event(a.Sock.ID, "%s %s", a.Words[0], v)
		s.optionNote(a.Words[0])
	default:
		v, err := a.Sock.SetOption(a.Words[0], a.Words[1])
		if err != nil {
			return s.teachError(optionError(err))
		}
		s.Event(a.Sock.ID, "%s %s", a.Words[0], v)
		s.optionNote(a.Words[0])
	}
	return nil
}
