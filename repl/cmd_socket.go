package repl

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/tlsx"

	"github.com/socklab/socklab/words"
)

// socketCommands open, connect and close sockets.
var socketCommands = []*Command{
	{
		Name:     "listen",
		Usage:    "listen [tcp|udp|tcp4|tcp6|udp4|udp6] [HOST]:PORT [--backlog N] [--tls [--cert FILE --key FILE]] | listen [PROTO] HOST PORT | listen unix PATH | listen ID [BACKLOG]",
		Examples: []string{"listen :8888", "listen tcp 127.0.0.1:0 --backlog 5", "listen udp :65431", "listen 127.0.0.1 8888", "listen tcp6 [::1]:0", "listen unix /tmp/lab.sock"},
		Flags:    append([]Flag{{Name: "backlog", Value: "N"}}, listenTLSFlags...),
		MinArgs:  1, MaxArgs: 3,
		Run: runListen,
	},
	{
		Name:     "accept",
		Usage:    "accept [ID] [--timeout D]",
		Examples: []string{"accept", "accept 1 --timeout 10s"},
		Flags:    []Flag{{Name: "timeout", Value: "D"}},
		Socket:   true, Wants: netops.KindListener, MaxArgs: 0,
		Run: runAccept,
	},
	{
		Name:     "connect",
		Usage:    "connect [tcp|udp|tcp4|tcp6|udp4|udp6] HOST:PORT [--retry D] [--tries N] [--timeout D] [--tls [--insecure] [--servername NAME] [--ca FILE]] | connect [PROTO] HOST PORT | connect unix PATH | connect ID HOST:PORT [--timeout D]",
		Examples: []string{"connect 127.0.0.1:8888", "connect tcp localhost:80 --timeout 2s", "connect 127.0.0.1:8888 --retry 2s --tries 5", "connect udp 127.0.0.1:65431", "connect 127.0.0.1 8888", "connect ::1 8888", "connect unix /tmp/lab.sock"},
		Flags: []Flag{
			{Name: "retry", Value: "D"},
			{Name: "tries", Value: "N"},
			{Name: "timeout", Value: "D"},
			{Name: "tls"}, {Name: "insecure"}, {Name: "servername", Value: "NAME"}, {Name: "ca", Value: "FILE"},
		},
		MinArgs: 1, MaxArgs: 3,
		Run: runConnect,
	},
	{
		Name:     "shutdown",
		Usage:    "shutdown [ID] [read|write|both]",
		Examples: []string{"shutdown write", "shutdown 2 both"},
		Socket:   true, MaxArgs: 1,
		Complete: func(*Session, []string, string) []string { return []string{"read", "write", "both"} },
		Run:      runShutdown,
	},
	{
		Name:     "close",
		Usage:    "close [ID]",
		Examples: []string{"close", "close 2"},
		Socket:   true, MaxArgs: 0,
		Run: runClose,
	},
}

// protoAndAddr reads "[tcp|udp|tcp4|...] ADDR" or, as nc users type it,
// "[PROTO] HOST PORT" (connect 127.0.0.1 8888, connect ::1 8888) from words.
func protoAndAddr(cmd *Command, words []string) (proto, addr string, err error) {
	proto = "tcp"
	if len(words) > 1 {
		if p, perr := netops.ParseProto(words[0]); perr == nil {
			proto, words = p, words[1:]
		}
	}
	switch {
	case len(words) == 2:
		host := words[0]
		if len(host) > 2 && host[0] == '[' && host[len(host)-1] == ']' {
			host = host[1 : len(host)-1]
		}
		if _, _, herr := net.SplitHostPort(host); herr == nil || host == "" {
			return "", "", usageT(cmd, "sock.host_port_words", cmd.Name)
		}
		if _, perr := netops.ParsePort(words[1]); perr != nil {
			if _, e := netops.ParseProto(words[0]); e == nil {
				return "", "", usageOf(cmd, e)
			}
			return "", "", usageOf(cmd, perr)
		}
		words = []string{net.JoinHostPort(host, words[1])}
	case len(words) > 2:
		return "", "", usageT(cmd, "sock.host_port_words", cmd.Name)
	}
	if _, perr := netops.ParseProto(words[0]); perr == nil {
		return "", "", usageT(cmd, "sock.needs_addr", cmd.Name, words[0], cmd.Examples[0])
	}
	if addr, err = netops.ParseAddr(words[0]); err != nil {
		return "", "", usageOf(cmd, err)
	}
	return proto, addr, nil
}

func runListen(ctx context.Context, s *Session, a *Args) error {
	if ok, err := s.stepListen(a); ok { // listen ID [BACKLOG] (teaching layer)
		return err
	}
	if len(a.Words) == 2 && a.Words[0] == "unix" {
		return s.openUnix(a, func(path string) (*netops.Socket, error) {
			return s.table.ListenUnix(ctx, path, netops.ListenOptions{})
		})
	}
	proto, addr, err := protoAndAddr(a.Command, a.Words)
	if err != nil {
		return err
	}
	backlog, err := a.Int("backlog", 0)
	if err != nil {
		return err
	}
	if a.Has("backlog") && strings.HasPrefix(proto, "udp") {
		return usageT(a.Command, "sock.backlog_udp")
	}
	if err := checkTLSFlags(a, proto, listenTLSFlags); err != nil {
		return err
	}
	var cfg *tls.Config
	if a.Has("tls") {
		if cfg, err = s.serverTLS(a); err != nil {
			return err
		}
	}
	sock, err := s.table.Listen(ctx, proto, addr, netops.ListenOptions{Backlog: backlog})
	if err != nil {
		return err
	}
	if cfg != nil {
		s.tlsListen.Store(sock.ID, cfg)
	}
	s.Adopt(sock)
	s.showSocket(sock)
	if host, port, _ := net.SplitHostPort(addr); host == "" {
		s.Note("all-interfaces", words.T("sock.all_ifaces", port))
	}
	return nil
}

// showSocket prints the line that introduces a new socket, e.g.
// "[1] tcp listen 127.0.0.1:8888  state LISTEN".
func (s *Session) showSocket(sock *netops.Socket) {
	inf := sock.Info()
	state := ""
	if inf.State != "" {
		state = words.T("sock.state", inf.State)
	}
	switch inf.Kind {
	case netops.KindListener:
		s.Event(sock.ID, "%s", words.T("sock.listen", inf.Proto, inf.Local, state))
	case netops.KindPacket:
		if inf.Remote != "" {
			s.Event(sock.ID, "%s", words.T("sock.udp_connected", inf.Proto, inf.Local, inf.Remote))
		} else {
			s.Event(sock.ID, "%s", words.T("sock.udp_bound", inf.Proto, inf.Local))
		}
	default:
		s.Event(sock.ID, "%s", words.T("sock.conn", inf.Proto, shownAddr(inf.Proto, inf.Local), shownAddr(inf.Proto, inf.Remote), state))
	}
}

func runAccept(ctx context.Context, s *Session, a *Args) error {
	defer s.hold(a.Sock)()
	c, err := a.Sock.Accept(ctx, a.Timeout)
	if err != nil {
		return err
	}
	s.Adopt(c)
	inf := c.Info()
	state := ""
	if inf.State != "" {
		state = words.T("sock.state", inf.State)
	}
	s.Event(c.ID, "%s", words.T("sock.accepted", inf.Proto, shownAddr(inf.Proto, inf.Local), shownAddr(inf.Proto, inf.Remote), state, a.Sock.ID))
	if cfg, ok := s.tlsListen.Load(a.Sock.ID); ok {
		st, err := c.StartTLS(ctx, cfg.(*tls.Config), true, a.Timeout)
		if err != nil {
			return s.tlsFailed(ctx, c, err, true)
		}
		s.showTLS(c.ID, tlsx.FactsOf(st, nil, false), false)
	}
	return nil
}

// shownAddr is a connection's address as the shell shows it: a UNIX
// socket without a name (a client's, usually) is said to be unnamed.
func shownAddr(proto, addr string) string {
	if addr == "" && proto == "unix" {
		return words.T("unix.unnamed")
	}
	return addr
}

// unixFlags refuses the options of listen and connect that listen unix
// and connect unix do not take (all but connect's --timeout), which they
// would otherwise ignore: --tls would leave the bytes in clear text.
// openUnix is listen or connect on a unix socket ("unix PATH"): open makes
// the socket, which the session then owns and shows.
func (s *Session) openUnix(a *Args, open func(path string) (*netops.Socket, error)) error {
	if err := unixFlags(a); err != nil {
		return err
	}
	sock, err := open(a.Words[1])
	if err != nil {
		return err
	}
	s.Adopt(sock)
	s.showSocket(sock)
	return nil
}

func unixFlags(a *Args) error {
	for _, f := range a.Command.Flags {
		if f.Name != "timeout" && a.Has(f.Name) {
			return usageT(a.Command, "sock.unix_flag", "--"+f.Name)
		}
	}
	return nil
}

func runConnect(ctx context.Context, s *Session, a *Args) error {
	if ok, err := s.stepConnect(ctx, a); ok { // connect ID HOST:PORT (teaching layer)
		return err
	}
	if len(a.Words) == 2 && a.Words[0] == "unix" {
		return s.openUnix(a, func(path string) (*netops.Socket, error) {
			return s.table.ConnectUnix(ctx, path, netops.DialOptions{Timeout: a.Timeout})
		})
	}
	proto, addr, err := protoAndAddr(a.Command, a.Words)
	if err != nil {
		return err
	}
	o := netops.DialOptions{Timeout: a.Timeout}
	if o.Retry, err = a.Duration("retry"); err != nil {
		return err
	}
	if o.Tries, err = a.Int("tries", 0); err != nil {
		return err
	}
	if a.Has("tries") && !a.Has("retry") {
		return usageT(a.Command, "sock.tries_no_retry")
	}
	if o.Retry > 0 {
		o.Attempt = func(n int, err error, next time.Duration) {
			if next > 0 {
				s.Printf("%s", words.T("sock.attempt_again", n, addr, say.Cause(err), next))
			} else {
				s.Printf("%s", words.T("sock.attempt", n, addr, say.Cause(err)))
			}
		}
	}
	if err := checkTLSFlags(a, proto, connectTLSFlags); err != nil {
		return err
	}
	var cfg *tls.Config
	if a.Has("tls") {
		if cfg, err = clientConfig(a, addr); err != nil {
			return err
		}
		if id := s.ownTLSListener(addr); id > 0 {
			return errors.New(words.T("tls.self", id))
		}
	}
	sock, err := s.table.Connect(ctx, proto, addr, o)
	if err != nil {
		return err
	}
	s.Adopt(sock)
	s.showSocket(sock)
	if cfg != nil {
		return s.clientTLS(ctx, a, sock, cfg)
	}
	return nil
}

func runShutdown(ctx context.Context, s *Session, a *Args) error {
	how := "both"
	if len(a.Words) == 1 {
		how = a.Words[0]
	}
	if how != "read" && how != "write" && how != "both" {
		return usageT(a.Command, "sock.bad_direction", how)
	}
	if err := a.Sock.Shutdown(how); err != nil {
		return err
	}
	switch {
	case a.Sock.Proto == "unix" && how == "write": // no FIN on a UNIX socket
		s.Event(a.Sock.ID, "%s", words.T("unix.shut_write"))
	case a.Sock.Proto == "unix" && how == "both":
		s.Event(a.Sock.ID, "%s", words.T("unix.shut_both"))
	case how == "write":
		s.Event(a.Sock.ID, "%s", words.T("sock.shut_write"))
	case how == "read":
		s.Event(a.Sock.ID, "%s", words.T("sock.shut_read"))
	default:
		s.Event(a.Sock.ID, "%s", words.T("sock.shut_both"))
	}
	return nil
}

func runClose(ctx context.Context, s *Session, a *Args) error {
	if err := a.Sock.Close(); err != nil {
		return err
	}
	s.Event(a.Sock.ID, "%s", words.T("sock.closed"))
	return nil
}
