package repl

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/socklab/socklab/netops"
)

// socketCommands open, connect and close sockets.
var socketCommands = []*Command{
	{
		Name:    "listen",
		Usage:   "listen [tcp|udp] [HOST]:PORT [--backlog N] | listen ID [BACKLOG]",
		Summary: "open a server socket on a port",
		Help: `Opens a socket bound to HOST:PORT. For TCP it listens: clients can connect,
and accept takes them one by one. For UDP it receives datagrams sent to the
port (recvfrom reads them, sendto answers). An empty HOST (":8888" or "8888")
means all interfaces, as nc does; use 127.0.0.1:PORT to stay local. Port 0
lets the kernel pick a free port. The new socket becomes the current one.

The step form "listen ID [BACKLOG]" makes only the listen(2) call, on a
socket made with socket and bound with bind (see help socket).`,
		Examples: []string{"listen :8888", "listen tcp 127.0.0.1:0 --backlog 5", "listen udp :65431"},
		Calls:    "socket, setsockopt(SO_REUSEADDR), bind, listen (UDP: socket, bind)",
		Flags:    []Flag{{Name: "backlog", Value: "N", Help: "how many finished handshakes the kernel queues for accept"}},
		MinArgs:  1, MaxArgs: 2,
		Run: runListen,
	},
	{
		Name:    "accept",
		Usage:   "accept [ID] [--timeout D]",
		Summary: "take the next client from a listener",
		Help: `Waits for a client on the listener (the current socket by default) and
gives the new connection its own id; it becomes the current socket. The
listener stays open for more clients. Ctrl-C stops the wait. When the
current socket is a connection, accept uses the newest listener.`,
		Examples: []string{"accept", "accept 1 --timeout 10s"},
		Calls:    "accept",
		Flags:    []Flag{{Name: "timeout", Value: "D", Help: "give up after D (500ms, 2s)"}},
		Socket:   true, Wants: netops.KindListener, MaxArgs: 0,
		Run: runAccept,
	},
	{
		Name:    "connect",
		Usage:   "connect [tcp|udp] HOST:PORT [--retry D] [--tries N] [--timeout D] | connect ID HOST:PORT [--timeout D]",
		Summary: "connect to a server",
		Help: `Connects to HOST:PORT; the connection becomes the current socket. With
--retry it tries again every D until it succeeds (each failure is shown),
--tries attempts at most, each with a fresh socket, as a client that waits
for its server does. A UDP "connection" only fixes the peer: no packet is
sent. Ctrl-C stops it.

The step form "connect ID HOST:PORT" makes only the connect(2) call, on a
socket made with socket (and maybe bound with bind).`,
		Examples: []string{"connect 127.0.0.1:8888", "connect tcp localhost:80 --timeout 2s", "connect 127.0.0.1:8888 --retry 2s --tries 5", "connect udp 127.0.0.1:65431"},
		Calls:    "socket, connect (TCP: the three-way handshake)",
		Flags: []Flag{
			{Name: "retry", Value: "D", Help: "on failure, try again after D"},
			{Name: "tries", Value: "N", Help: "with --retry: attempts at most (default: no limit)"},
			{Name: "timeout", Value: "D", Help: "give up on one attempt after D"},
		},
		MinArgs: 1, MaxArgs: 2,
		Run: runConnect,
	},
	{
		Name:    "shutdown",
		Usage:   "shutdown [ID] [read|write|both]",
		Summary: "half-close a connection (write sends FIN)",
		Help: `Half-closes a TCP connection. "write" sends FIN: the peer reads end of
stream, yet can still send to us. "read" discards what arrives from now on.
"both" (the default) does both; the socket stays in the table until close.`,
		Examples: []string{"shutdown write", "shutdown 2 both"},
		Calls:    "shutdown(SHUT_WR | SHUT_RD | SHUT_RDWR)",
		Socket:   true, MaxArgs: 1,
		Complete: func(*Session, []string, string) []string { return []string{"read", "write", "both"} },
		Run:      runShutdown,
	},
	{
		Name:    "close",
		Usage:   "close [ID]",
		Summary: "close a socket",
		Help: `Closes the socket and removes it from the table; its id is not reused.
Closing a connection sends FIN (or RST if received data was left unread).
Closing a listener refuses new clients; connections it accepted stay open.`,
		Examples: []string{"close", "close 2"},
		Calls:    "close",
		Socket:   true, MaxArgs: 0,
		Run: runClose,
	},
}

// protoAndAddr reads "[tcp|udp] ADDR" from words.
func protoAndAddr(cmd *Command, words []string) (proto, addr string, err error) {
	proto = "tcp"
	if len(words) == 2 {
		if proto, err = netops.ParseProto(words[0]); err != nil {
			return "", "", usageError(cmd, "%w", err)
		}
		words = words[1:]
	} else if _, perr := netops.ParseProto(words[0]); perr == nil {
		return "", "", usageError(cmd, "%s needs an address after %s, as in: %s", cmd.Name, words[0], cmd.Examples[0])
	}
	if addr, err = netops.ParseAddr(words[0]); err != nil {
		return "", "", usageError(cmd, "%w", err)
	}
	return proto, addr, nil
}

func runListen(ctx context.Context, s *Session, a *Args) error {
	if ok, err := s.stepListen(a); ok { // listen ID [BACKLOG] (teaching layer)
		return err
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
		return usageError(a.Command, "--backlog is for TCP: a UDP socket has no accept queue")
	}
	sock, err := s.table.Listen(ctx, proto, addr, netops.ListenOptions{Backlog: backlog})
	if err != nil {
		return err
	}
	s.Adopt(sock)
	s.showSocket(sock)
	if host, port, _ := net.SplitHostPort(addr); host == "" {
		s.Note("all-interfaces", fmt.Sprintf("listening on all interfaces; use 127.0.0.1:%s to stay local", port))
	}
	return nil
}

// showSocket prints the line that introduces a new socket, e.g.
// "[1] tcp listen 127.0.0.1:8888  state LISTEN".
func (s *Session) showSocket(sock *netops.Socket) {
	inf := sock.Info()
	state := ""
	if inf.State != "" {
		state = "  state " + inf.State
	}
	switch inf.Kind {
	case netops.KindListener:
		s.Event(sock.ID, "%s listen %s%s", inf.Proto, inf.Local, state)
	case netops.KindPacket:
		if inf.Remote != "" {
			s.Event(sock.ID, "%s %s -> %s", inf.Proto, inf.Local, inf.Remote)
		} else {
			s.Event(sock.ID, "%s bound %s", inf.Proto, inf.Local)
		}
	default:
		s.Event(sock.ID, "%s conn %s -> %s%s", inf.Proto, inf.Local, inf.Remote, state)
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
		state = "  state " + inf.State
	}
	s.Event(c.ID, "%s conn %s <- %s%s (from listener [%d])", inf.Proto, inf.Local, inf.Remote, state, a.Sock.ID)
	return nil
}

func runConnect(ctx context.Context, s *Session, a *Args) error {
	if ok, err := s.stepConnect(ctx, a); ok { // connect ID HOST:PORT (teaching layer)
		return err
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
		return usageError(a.Command, "--tries needs --retry (how long to wait between attempts)")
	}
	if o.Retry > 0 {
		o.Attempt = func(n int, err error, next time.Duration) {
			if next > 0 {
				s.Printf("attempt %d to connect to %s: %s; again in %v", n, addr, netops.Reason(err), next)
			} else {
				s.Printf("attempt %d to connect to %s: %s", n, addr, netops.Reason(err))
			}
		}
	}
	sock, err := s.table.Connect(ctx, proto, addr, o)
	if err != nil {
		return err
	}
	s.Adopt(sock)
	s.showSocket(sock)
	return nil
}

func runShutdown(ctx context.Context, s *Session, a *Args) error {
	how := "both"
	if len(a.Words) == 1 {
		how = a.Words[0]
	}
	if how != "read" && how != "write" && how != "both" {
		return usageError(a.Command, "shutdown: bad direction %q: want read, write or both", how)
	}
	if err := a.Sock.Shutdown(how); err != nil {
		return err
	}
	switch how {
	case "write":
		s.Event(a.Sock.ID, "shut down for writing: FIN sent, the peer reads end of stream")
	case "read":
		s.Event(a.Sock.ID, "shut down for reading")
	default:
		s.Event(a.Sock.ID, "shut down both ways: FIN sent")
	}
	return nil
}

func runClose(ctx context.Context, s *Session, a *Args) error {
	if err := a.Sock.Close(); err != nil {
		return err
	}
	s.Event(a.Sock.ID, "closed")
	return nil
}
