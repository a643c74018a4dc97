package repl

import (
	"bytes"
	"context"
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
		Name:    "socket",
		Usage:   "socket tcp|udp",
		Summary: "create an unbound socket (step by step, as in C or Python)",
		Help: `Creates a socket and nothing more, as socket() does in C or
socket.socket() in Python: it has a descriptor but no address yet. Build it
up with bind, listen ID and accept (a server) or connect ID HOST:PORT (a
client); after listen or connect it keeps its id and works with every other
command. Each step shows what the kernel answered, errno included.
Not available on Windows: use the one-step listen and connect there.`,
		Examples: []string{"socket tcp", "socket udp"},
		Calls:    "socket(AF_INET, SOCK_STREAM or SOCK_DGRAM)",
		MinArgs:  1, MaxArgs: 1,
		Complete: func(*Session, []string, string) []string { return []string{"tcp", "udp"} },
		Run:      runSocket,
	},
	{
		Name:    "bind",
		Usage:   "bind [ID] [HOST]:PORT",
		Summary: "give a step socket its address",
		Help: `Binds the socket to HOST:PORT (an empty HOST: every interface; port 0: the
kernel picks one). A port can be bound by one socket at a time: a second
bind fails with EADDRINUSE, also while an old connection on it is in
TIME_WAIT, unless option reuseaddr is on. A UDP socket is ready once bound.`,
		Examples: []string{"bind 1 127.0.0.1:8888", "bind :0"},
		Calls:    "bind",
		Socket:   true, MinArgs: 1, MaxArgs: 1,
		Run: runBind,
	},
	{
		Name:    "explain",
		Usage:   "explain [on|off]",
		Summary: "narrate every socket call and the state after it",
		Help: `With explain on, every command shows the system calls it made, with their
arguments and results, what each means, and the kernel's TCP state after
it (from TCP_INFO). A failed call shows its errno and what it means.
Without an argument it says whether explain is on.`,
		Examples: []string{"explain on", "explain off"},
		Calls:    "none itself; with it on, every other command shows the calls it makes",
		MaxArgs:  1,
		Complete: func(*Session, []string, string) []string { return []string{"on", "off"} },
		Run:      runExplain,
	},
	{
		Name:    "netstat",
		Usage:   "netstat [PORT]",
		Summary: "the kernel's sockets on this session's ports",
		Help: `Lists the kernel's own sockets on PORT, or on every port this session has
used, including those no descriptor holds: TIME_WAIT after an active close,
SYN_RECV, and finished handshakes waiting in a listener's accept queue.
OWNER says which socket of this shell holds each one. For a listener
RECV-Q is its accept queue and SEND-Q its backlog. Linux only (/proc/net).`,
		Examples: []string{"netstat", "netstat 8888"},
		Calls:    "none (reads /proc/net/tcp, tcp6, udp, udp6)",
		MaxArgs:  1,
		Run:      runNetstat,
	},
	{
		Name:    "option",
		Usage:   "option [ID] [NAME [VALUE]]",
		Summary: "show or set a socket option",
		Help: `Shows all the socket options below, shows one, or sets one and shows what
the kernel then reports. reuseaddr, reuseport, nodelay, keepalive: on|off.
linger: off, or seconds; linger 0 makes close send RST instead of FIN (no
TIME_WAIT). rcvbuf, sndbuf: bytes (Linux reports double what was set).`,
		Examples: []string{"option", "option 1 reuseaddr on", "option linger 0", "option 2 rcvbuf"},
		Calls:    "getsockopt, setsockopt",
		Socket:   true, MaxArgs: 2,
		Complete: func(*Session, []string, string) []string { return netops.OptionNames },
		Run:      runOption,
	},
	{
		Name:    "record",
		Usage:   "record FILE.md | record off",
		Summary: "write the session as a Markdown lab report",
		Help: `Writes every command from now on, with its output, to FILE.md as a lab
report: one section per command, the output in a code block. record off
stops and closes the file.`,
		Examples: []string{"record lab1.md", "record off"},
		Calls:    "none (writes FILE.md)",
		MinArgs:  1, MaxArgs: 1,
		Run: runRecord,
	},
}

func runSocket(ctx context.Context, s *Session, a *Args) error {
	proto, err := netops.ParseProto(a.Words[0])
	if err != nil {
		return usageError(a.Command, "%w", err)
	}
	sock, err := s.table.Socket(proto, "")
	if err != nil {
		return withHint(err, "use the one-step commands: listen [tcp|udp] ADDR, connect [tcp|udp] HOST:PORT")
	}
	s.SetCurrent(sock)
	s.showStep(sock, "created, no address yet")
	return nil
}

// showStep prints a step socket's line: "[1] tcp socket fd 5 ...  state CLOSE".
func (s *Session) showStep(sock *netops.Socket, what string) {
	inf := sock.Info()
	s.Event(sock.ID, "%s socket fd %d %s%s", inf.Proto, inf.FD, what, stateText(inf.State))
}

// stateText is "  state X", or "" when the kernel does not say.
func stateText(st string) string {
	if st == "" {
		return ""
	}
	return "  state " + st
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
	s.showStep(n, "bound to "+n.LocalAddr())
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
			return true, usageError(a.Command, "the backlog is given twice: as %s and as --backlog", a.Words[1])
		}
		if backlog, err = strconv.Atoi(a.Words[1]); err != nil || backlog < 0 {
			return true, usageError(a.Command, "bad backlog %q: want a number, as in: listen %d 5", a.Words[1], sock.ID)
		}
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
		return true, usageError(a.Command, "connect %d HOST:PORT makes one connect(2) call: it takes --timeout, not --retry or --tries (those are for connect HOST:PORT, a fresh socket each attempt)", sock.ID)
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
		s.Printf("explain is %s", map[bool]string{true: "on", false: "off"}[on])
		return nil
	}
	switch a.Words[0] {
	case "on":
		s.setExplain(true)
		s.Printf("explain on: each command shows its socket calls and the state after them")
	case "off":
		s.setExplain(false)
		s.Printf("explain off")
	default:
		return usageError(a.Command, "explain: want on or off, not %q", a.Words[0])
	}
	return nil
}

func runNetstat(ctx context.Context, s *Session, a *Args) error {
	var err error
	port := 0
	if len(a.Words) == 1 {
		if port, err = netops.ParsePort(a.Words[0]); err != nil || port == 0 {
			return usageError(a.Command, "bad port %q: want a number from 1 to 65535", a.Words[0])
		}
	}
	es, err := s.table.Netstat(port)
	if err != nil {
		return err
	}
	if len(es) == 0 {
		if port == 0 && len(s.table.Ports()) == 0 {
			s.Printf("no sockets yet: this session has used no port")
		} else {
			s.Printf("the kernel has no socket on %s", portsText(port, s.table.Ports()))
		}
		return nil
	}
	s.Printf("%s", netstatTable(es))
	return nil
}

func portsText(port int, ports []int) string {
	if port != 0 {
		return "port " + strconv.Itoa(port)
	}
	l := make([]string, len(ports))
	for i, p := range ports {
		l[i] = strconv.Itoa(p)
	}
	return "ports " + strings.Join(l, ", ")
}

// netstatTable formats the kernel's entries as netstat does.
func netstatTable(es []netops.NetEntry) string {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROTO\tLOCAL\tREMOTE\tSTATE\tRECV-Q\tSEND-Q\tOWNER\t")
	for _, e := range es {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t\n", e.Proto, e.Local, e.Remote, e.State, e.RecvQ, e.SendQ, say.Owner(e))
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
