package repl

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// hinted is an error with advice for the person; see [withHint].
type hinted struct {
	err   error
	hints []string
}

func (h *hinted) Error() string { return h.err.Error() }
func (h *hinted) Unwrap() error { return h.err }

// withHint attaches hint lines to err; the shell prints them as "hint: ...".
func withHint(err error, hints ...string) error { return &hinted{err: err, hints: hints} }

// noSocket reports an id that names no open socket: "no socket [7]", or
// "[2] is closed" for an id that was given and whose socket is closed.
type noSocket struct {
	id     int
	closed bool  // the id was given, to a socket closed since
	err    error // from netops.Table.Get
}

func (e *noSocket) Error() string {
	if e.closed {
		return words.T("limits.id_closed", e.id)
	}
	return fmt.Sprintf("no socket [%d]", e.id)
}
func (e *noSocket) Unwrap() error { return e.err }

// getSocket returns the open socket id, or a [noSocket] error.
func (s *Session) getSocket(id int) (*netops.Socket, error) {
	sock, err := s.table.Get(id)
	if err != nil {
		return nil, &noSocket{id: id, closed: s.table.Issued(id), err: err}
	}
	return sock, nil
}

// usageError reports a command used wrongly, with its usage as the hint.
func usageError(cmd *Command, format string, a ...any) error {
	return withHint(fmt.Errorf(format, a...), "usage: "+cmd.Usage, "help "+cmd.Name+" explains it")
}

// maxShownName is the longest unknown command name an error shows whole.
const maxShownName = 40

// unknownCommand reports a name that is not in the command table, with the
// closest name as a suggestion.
func unknownCommand(name string) error {
	if len(name) > maxShownName { // a pasted blob: no echo of it all, no suggestion
		return withHint(fmt.Errorf("unknown command %q... (%d bytes)", name[:maxShownName], len(name)), "help lists the commands")
	}
	err := fmt.Errorf("unknown command %q", name)
	if s := suggest(name); s != "" {
		return withHint(err, fmt.Sprintf("did you mean %q? (help lists the commands)", s))
	}
	return withHint(err, "help lists the commands")
}

// formatError renders err as the shell prints it: "error: <what happened>"
// (lower case, no trailing period), then "hint: ..." lines: the ones
// attached with [withHint] and those the socket error itself suggests.
func (s *Session) formatError(err error) string {
	msg := strings.TrimSuffix(say.Error(err), ".")
	if msg != "" && !strings.HasPrefix(msg, "[") {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	var hints []string
	var h *hinted
	if errors.As(err, &h) {
		hints = h.hints
	}
	hints = append(hints, s.socketHints(err)...)
	var sb strings.Builder
	sb.WriteString("error: " + msg + "\n")
	for _, h := range hints {
		if h != "" {
			sb.WriteString("hint: " + h + "\n")
		}
	}
	return sb.String()
}

// socketHints says what to do about a socket error: who to start when a
// connection is refused, who holds a port in use, which ids are open.
func (s *Session) socketHints(err error) []string {
	var oe *netops.OpError
	if !errors.As(err, &oe) {
		return nil
	}
	switch {
	case errors.Is(err, netops.ErrNoSocket):
		return []string{s.openIDs()}
	case errors.Is(err, syscall.ECONNREFUSED) && oe.Op == "connect":
		host, port, _ := net.SplitHostPort(oe.Addr)
		proto := "tcp"
		if strings.HasPrefix(oe.Net, "udp") {
			proto = "udp"
		}
		return []string{fmt.Sprintf("nothing listens on %s — start a server with: listen %s :%s", net.JoinHostPort(host, port), proto, port)}
	case errors.Is(err, syscall.ECONNREFUSED):
		return []string{"the peer's port is closed: its ICMP \"port unreachable\" came back (nothing listens there)"}
	case errors.Is(err, syscall.EADDRINUSE):
		return s.inUseHints(oe.Addr, s.kindOf(oe.ID) == netops.KindStep)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return []string{"that address is not one of this machine's; use 127.0.0.1, 0.0.0.0 or an address from: ip addr"}
	case errors.Is(err, syscall.EACCES) && (oe.Op == "listen"):
		return []string{"ports below 1024 need privileges; pick a port from 1024 up"}
	case errors.Is(err, syscall.ECONNRESET):
		return []string{"the peer reset the connection (RST): it closed with unread data, or its program ended"}
	case errors.Is(err, syscall.EPIPE) && s.kindOf(oe.ID) == netops.KindStep:
		return []string{fmt.Sprintf("[%d] is not connected yet: connect %d HOST:PORT first", oe.ID, oe.ID)}
	case errors.Is(err, syscall.EPIPE):
		return []string{"the peer has closed the connection; close this socket"}
	case errors.Is(err, netops.ErrTimeout) && oe.Op == "connect":
		return []string{fmt.Sprintf("no answer from %s: the host may be down, or a firewall drops the packets", oe.Addr)}
	case errors.Is(err, netops.ErrTimeout) && (oe.Op == "recv" || oe.Op == "recvfrom"):
		return []string{"nothing arrived in time; wait longer with --timeout, or check that the peer sent something"}
	case errors.Is(err, netops.ErrTooLong):
		return []string{"the bytes stay buffered: read them with recv, or raise the limit with MAX"}
	case errors.Is(err, netops.ErrWrongKind) && oe.ID > 0 && s.kindOf(oe.ID) == netops.KindPacket:
		return []string{fmt.Sprintf("recv %d (no --line, --until or --all) or recvfrom %d takes one datagram", oe.ID, oe.ID)}
	case errors.Is(err, netops.ErrWrongKind) && oe.ID > 0 && s.kindOf(oe.ID) == netops.KindListener:
		return []string{fmt.Sprintf("a listener only takes clients: accept %d gives a connection to send and recv on", oe.ID)}
	case errors.Is(err, netops.ErrNoPeer):
		return []string{"an unconnected UDP socket sends to the last sender; use: sendto HOST:PORT TEXT"}
	}
	if m := say.Meaning(err); m != "" {
		return []string{m}
	}
	return nil
}

// inUseHints says who holds addr's port: a socket of this shell, or another
// program. The one-step listen sets SO_REUSEADDR, so TIME_WAIT is not the
// cause there; a step socket (socket, bind) has it only if option set it.
func (s *Session) inUseHints(addr string, step bool) []string {
	port := netops.Port(addr)
	for _, sock := range s.table.List() {
		if netops.Port(sock.LocalAddr()) == port && sock.Kind != netops.KindConn {
			return []string{fmt.Sprintf("[%d] in this shell holds port %d; close it with: close %d", sock.ID, port, sock.ID)}
		}
	}
	if step {
		return []string{
			fmt.Sprintf("another socket holds port %d, or a connection in TIME_WAIT does (netstat %d shows it)", port, port),
			"option ID reuseaddr 1 before bind lets it share the port with TIME_WAIT connections that had it too",
		}
	}
	return []string{
		fmt.Sprintf("another program holds port %d; see which with: ss -ltnup 'sport = :%d'", port, port),
		"socklab sets SO_REUSEADDR, so connections left in TIME_WAIT do not block it: a live socket does",
	}
}

// openIDs lists the open socket ids, for a hint.
func (s *Session) openIDs() string {
	l := s.table.List()
	if len(l) == 0 {
		return "no sockets are open; open one with listen or connect"
	}
	ids := make([]string, len(l))
	for i, sock := range l {
		ids[i] = fmt.Sprintf("[%d] %s", sock.ID, sock.Kind)
	}
	return "open sockets: " + strings.Join(ids, ", ") + " (sockets shows them)"
}

// kindOf returns the kind of open socket id, or 0.
func (s *Session) kindOf(id int) netops.Kind {
	if sock, err := s.table.Get(id); err == nil {
		return sock.Kind
	}
	return 0
}
