package repl

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
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
	return words.T("shell.no_socket", e.id)
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
// format and a are fmt's; "%w" keeps a refused value's error (say renders it).
func usageError(cmd *Command, format string, a ...any) error {
	return usageOf(cmd, fmt.Errorf(format, a...))
}

// usageT is [usageError] with the catalog's message key and its arguments.
func usageT(cmd *Command, key string, a ...any) error {
	return usageOf(cmd, errors.New(words.T(key, a...)))
}

// usageOf attaches cmd's usage, as the hint, to err (a refused value).
func usageOf(cmd *Command, err error) error {
	return withHint(err, words.T("shell.usage", usageOfCommand(cmd)), words.T("shell.help_explains", cmd.Name))
}

// maxShownName is the longest unknown command name an error shows whole.
const maxShownName = 40

// unknownCommand reports a name that is not in the command table, with the
// closest name as a suggestion.
func unknownCommand(name string) error {
	if len(name) > maxShownName { // a pasted blob: no echo of it all, no suggestion
		return withHint(errors.New(words.T("shell.unknown_long", name[:maxShownName], len(name))), words.T("shell.help_lists"))
	}
	err := errors.New(words.T("shell.unknown_command", name))
	if s := suggest(name); s != "" {
		return withHint(err, words.T("shell.did_you_mean", s))
	}
	return withHint(err, words.T("shell.help_lists"))
}

// WriteError writes err to w as the shell prints it (see
// [Session.PrintError]), without colour: socklab SCRIPT.lua prints its
// script's errors through it, so they read the same in every mode.
func WriteError(w io.Writer, err error) {
	s := &Session{table: netops.NewTable()}
	io.WriteString(w, s.formatError(err))
}

// formatError renders err as the shell prints it: "error: <what happened>"
// (lower case, no trailing period), a script's Lua traceback, then
// "hint: ..." lines: the ones attached with [withHint] and those the socket
// error itself suggests. A control or invisible character they quote
// (typed in an address, say) is escaped (see [inert]).
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
	var p *partial
	if errors.As(err, &p) {
		hints = append([]string{p.text()}, hints...)
	}
	hints = append(hints, s.socketHints(err)...)
	var sb strings.Builder
	sb.WriteString(words.T("label.error") + " " + say.Inert(msg) + "\n")
	var tb interface{ Where() string } // a script's error: its Lua traceback
	if errors.As(err, &tb) {
		sb.WriteString(tb.Where())
	}
	for _, h := range hints {
		if h != "" {
			sb.WriteString(words.T("label.hint") + " " + say.Inert(h) + "\n")
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
	var de *net.DNSError
	if errors.As(err, &de) {
		return nil // the lookup's own words say what to do; an errno it wraps is its dial to the DNS server's
	}
	switch {
	case errors.Is(err, netops.ErrNoSocket):
		return []string{s.openIDs()}
	case errors.Is(err, syscall.ECONNREFUSED) && oe.Net == "unix":
		return []string{unixRefusedHint(oe.Addr)}
	case errors.Is(err, syscall.EACCES) && oe.Net == "unix":
		return []string{words.T("hint.unix_access", oe.Addr, filepath.Dir(oe.Addr))}
	case errors.Is(err, syscall.ECONNREFUSED) && oe.Op == "connect":
		host, port, _ := net.SplitHostPort(oe.Addr)
		proto := "tcp"
		if strings.HasPrefix(oe.Net, "udp") {
			proto = "udp"
		}
		return []string{words.T("hint.refused_connect", net.JoinHostPort(host, port), proto, port)}
	case errors.Is(err, syscall.ECONNREFUSED):
		return []string{words.T("hint.refused_udp")}
	case errors.Is(err, syscall.EAFNOSUPPORT) && oe.Net == "unix":
		return []string{words.T("hint.unix_missing")}
	case errors.Is(err, syscall.EADDRINUSE) && oe.Net == "unix":
		return []string{unixInUseHint(oe.Addr)}
	case errors.Is(err, syscall.EADDRINUSE):
		return s.inUseHints(oe.Addr, s.kindOf(oe.ID) == netops.KindStep)
	case errors.Is(err, syscall.EADDRNOTAVAIL) && onWindows:
		return []string{words.T("windows.addr_not_avail")}
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return []string{words.T("hint.addr_not_avail")}
	case errors.Is(err, syscall.EACCES) && oe.Op == "listen" && onWindows: // no privileged ports there
		return []string{say.Meaning(err)}
	case errors.Is(err, syscall.EACCES) && (oe.Op == "listen"):
		return []string{words.T("hint.privileged")}
	case errors.Is(err, syscall.ECONNRESET): // what the errno means is all there is to say
		return []string{say.Meaning(err)}
	case errors.Is(err, syscall.EPIPE) && s.kindOf(oe.ID) == netops.KindStep:
		return []string{words.T("hint.pipe_step", oe.ID)}
	case errors.Is(err, syscall.EPIPE):
		return []string{words.T("hint.pipe")}
	case errors.Is(err, netops.ErrTimeout) && oe.Op == "connect":
		return []string{words.T("hint.connect_timeout", oe.Addr)}
	case errors.Is(err, netops.ErrTimeout) && (oe.Op == "recv" || oe.Op == "recvfrom"):
		return []string{words.T("hint.recv_timeout")}
	case errors.Is(err, netops.ErrTooLong):
		return []string{words.T("hint.too_long")}
	case errors.Is(err, netops.ErrWrongKind) && oe.ID > 0 && s.kindOf(oe.ID) == netops.KindPacket:
		return []string{words.T("hint.udp_stream", oe.ID)}
	case errors.Is(err, netops.ErrWrongKind) && oe.ID > 0 && s.kindOf(oe.ID) == netops.KindListener:
		return []string{words.T("hint.listener_only", oe.ID)}
	case errors.Is(err, netops.ErrNoPeer):
		return []string{words.T("hint.no_peer")}
	}
	if m := say.Meaning(err); m != "" {
		return []string{m}
	}
	return nil
}

// inUseHints says who holds addr's port: a socket of this shell, another
// program, or connections in TIME_WAIT, as the kernel's table shows. The
// one-step listen sets SO_REUSEADDR, yet Linux still refuses the port while
// a connection in TIME_WAIT holds it whose own socket did not set it (both
// sockets must have it); a step socket (socket, bind) has it only if option
// set it.
func (s *Session) inUseHints(addr string, step bool) []string {
	port := netops.Port(addr)
	for _, sock := range s.table.List() {
		if netops.Port(sock.LocalAddr()) == port && sock.Kind != netops.KindConn {
			return []string{words.T("hint.port_held", sock.ID, port)}
		}
	}
	if step {
		return []string{words.T("hint.in_use_step", port), words.T("hint.reuseaddr_step")}
	}
	live, timeWait := false, false
	if es, err := s.table.Netstat(port); err == nil {
		for _, e := range es {
			if netops.Port(e.Local) != port {
				continue
			}
			if e.State == "TIME_WAIT" {
				timeWait = true
			} else {
				live = true
			}
		}
		if timeWait && !live {
			return []string{words.T("hint.in_use_timewait", port)}
		}
	}
	if onWindows { // no ss there, and socklab sets no SO_REUSEADDR
		return []string{words.T("windows.in_use_other", port)}
	}
	return []string{words.T("hint.in_use_other", port), words.T("hint.in_use_live")}
}

// openIDs lists the open socket ids, for a hint.
func (s *Session) openIDs() string {
	l := s.table.List()
	if len(l) == 0 {
		return words.T("shell.none_open")
	}
	ids := make([]string, len(l))
	for i, sock := range l {
		ids[i] = fmt.Sprintf("[%d] %s", sock.ID, say.KindWord(sock.Kind))
	}
	return words.T("shell.open_ids", strings.Join(ids, ", "))
}

// kindOf returns the kind of open socket id, or 0.
func (s *Session) kindOf(id int) netops.Kind {
	if sock, err := s.table.Get(id); err == nil {
		return sock.Kind
	}
	return 0
}

// unixInUseHint says what to do about a path a UNIX socket cannot be
// bound to because something is there: a socket a server left may be
// removed, but a directory or a regular file is no socket, and removing it
// would lose what it holds.
func unixInUseHint(path string) string {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return words.T("hint.unix_is_dir", path, filepath.Join(path, "socklab.sock"))
	case err == nil && fi.Mode().IsRegular() && runtime.GOOS != "windows": // Windows' socket files are reparse points
		return words.T("hint.unix_not_socket", path)
	}
	return words.T("hint.unix_in_use", path, removeCommand())
}

// unixRefusedHint says why nothing accepted a connection to the UNIX
// socket path: a directory or a regular file is no socket; a socket file
// with no server is one a server that ended left behind.
func unixRefusedHint(path string) string {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return words.T("hint.unix_connect_dir", path)
	case err == nil && fi.Mode().IsRegular() && runtime.GOOS != "windows": // Windows' socket files are reparse points
		return words.T("hint.unix_connect_file", path)
	}
	return words.T("hint.unix_refused", path)
}

// removeCommand is the command that removes a file in the system's own
// shell: del in cmd.exe (and PowerShell, where it is an alias), rm
// elsewhere.
func removeCommand() string {
	if runtime.GOOS == "windows" {
		return "del"
	}
	return "rm"
}
