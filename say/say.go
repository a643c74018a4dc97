// Package say renders netops' facts in the catalog's words (package
// words), in the language chosen at start: errors, what an errno means for
// the call that failed, what a traced call did, who holds a socket in the
// kernel's table. The shell and the Lua binding both speak through it, so
// netops carries facts only and a sentence is written once.
package say

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/tlsx"
	"github.com/socklab/socklab/words"
)

// Error returns err's text in the current language: "[ID] op net addr:
// cause" for a netops error, with the cause said in words (the system's
// error text in the catalog's translation, a refused value with the form
// wanted, a socket of the wrong kind and what the operation needs), and
// package tlsx's CA file without a certificate.
// Errors netops does not know are their own text.
func Error(err error) string {
	text := err.Error()
	var oe *netops.OpError
	if errors.As(err, &oe) {
		if prefix, ok := strings.CutSuffix(text, oe.Error()); ok { // prefix: what wrapped it, if anything
			return prefix + opPrefix(oe) + cause(oe.Err, oe)
		}
		return text
	}
	if strings.HasPrefix(text, netops.ErrNotAvailable.Error()) && errors.Is(err, netops.ErrNotAvailable) {
		return unavailable(err)
	}
	var de *net.DNSError // before fact: it may wrap the errno of its dial to the server
	if errors.As(err, &de) {
		if prefix, ok := strings.CutSuffix(text, de.Error()); ok {
			return prefix + lookupFailed(de)
		}
	}
	if file, ok := strings.CutSuffix(text, ": "+tlsx.ErrNoCA.Error()); ok && errors.Is(err, tlsx.ErrNoCA) {
		return words.T("tls.no_ca", file)
	}
	var rh tls.RecordHeaderError // a relay's client that does not speak TLS
	if errors.As(err, &rh) && rh.Conn != nil {
		if prefix, ok := strings.CutSuffix(text, rh.Error()); ok {
			return prefix + cause(rh, nil)
		}
	}
	var ne *net.OpError // Go's own socket error (a relay's listener): "listen tcp ADDR: cause", without the system call's name
	if errors.As(err, &ne) && ne.Err != nil && fact(ne.Err) != nil {
		if prefix, ok := strings.CutSuffix(text, ne.Error()); ok {
			return prefix + strings.TrimSuffix(ne.Error(), ne.Err.Error()) + cause(ne.Err, nil)
		}
	}
	var pe *os.PathError // a file's error: "PATH: cause", without Go's operation ("open", "read")
	if errors.As(err, &pe) && pe.Err != nil {
		if prefix, ok := strings.CutSuffix(text, pe.Error()); ok {
			return prefix + pe.Path + ": " + cause(pe.Err, nil)
		}
	}
	if f := fact(err); f != nil {
		if prefix, ok := strings.CutSuffix(text, f.Error()); ok {
			return prefix + cause(f, nil)
		}
	}
	return text
}

// Cause returns what went wrong in err, in the current language, without
// the operation and address a netops error (or Go's *net.OpError) names:
// "connection refused" where [Error] says "connect tcp 127.0.0.1:1:
// connection refused" (and Go "dial tcp 127.0.0.1:1: connect: ...").
func Cause(err error) string {
	var oe *netops.OpError
	if errors.As(err, &oe) && strings.HasSuffix(err.Error(), oe.Error()) {
		return cause(oe.Err, oe)
	}
	var ne *net.OpError
	if errors.As(err, &ne) && ne.Err != nil && err.Error() == ne.Error() {
		return cause(ne.Err, nil)
	}
	return Error(err)
}

// fact returns the netops fact or errno inside err, or nil.
func fact(err error) error {
	var (
		ie *netops.InputError
		ke *netops.KindError
		le *netops.LimitError
		te *netops.TimeoutError
		se *netops.SysError
		en syscall.Errno
	)
	switch {
	case errors.As(err, &ie):
		return ie
	case errors.As(err, &ke):
		return ke
	case errors.As(err, &le):
		return le
	case errors.As(err, &te):
		return te
	case errors.As(err, &se):
		return se
	case errors.As(err, &en):
		return en
	}
	for _, s := range []error{netops.ErrTimeout, netops.ErrNoSocket, netops.ErrNoPeer} {
		if errors.Is(err, s) {
			return s
		}
	}
	return nil
}

// opPrefix is "[ID] op net addr: " without the empty parts.
func opPrefix(e *netops.OpError) string {
	var b strings.Builder
	if e.ID > 0 {
		b.WriteString("[" + strconv.Itoa(e.ID) + "] ")
	}
	b.WriteString(e.Op)
	if e.Net != "" {
		b.WriteString(" " + e.Net)
	}
	if e.Addr != "" {
		b.WriteString(" " + e.Addr)
	}
	return b.String() + ": "
}

// cause says what went wrong, without the operation (oe, when not nil, is
// the operation it happened in).
func cause(err error, oe *netops.OpError) string {
	var (
		ie *netops.InputError
		ke *netops.KindError
		le *netops.LimitError
		te *netops.TimeoutError
		se *netops.SysError
		de *net.DNSError
	)
	switch {
	case err == nil:
		return words.T("err.unknown")
	case errors.As(err, &ie):
		return Input(ie)
	case errors.As(err, &ke):
		return kindError(ke, oe)
	case errors.As(err, &le):
		if le.Until == "eof" {
			return words.T("err.too_long_eof", le.Limit)
		}
		return words.T("err.too_long", le.Limit)
	case errors.As(err, &te):
		return words.T("err.timeout_after", te.After)
	case errors.Is(err, netops.ErrTimeout):
		return words.T("err.timeout")
	case errors.Is(err, netops.ErrNoSocket):
		return words.T("err.no_socket")
	case errors.Is(err, netops.ErrNoPeer):
		return words.T("err.no_peer")
	case errors.Is(err, netops.ErrNotAvailable) && strings.HasPrefix(err.Error(), netops.ErrNotAvailable.Error()):
		return unavailable(err)
	case errors.Is(err, netops.ErrBudget):
		return words.T("err.budget")
	case errors.As(err, &de):
		return lookupFailed(de)
	case errors.As(err, &se) && se.Winsock != "": // Windows: both names
		return errnoText(se.Errno) + " (" + netops.Errno(se) + ", Windows " + se.Winsock + ")"
	case errors.As(err, &se):
		return errnoText(se.Errno) + " (" + netops.Errno(se) + ")"
	}
	var en syscall.Errno
	if errors.As(err, &en) && !errors.Is(err, io.EOF) {
		return errnoText(en)
	}
	if errors.Is(err, io.EOF) && oe != nil && oe.Op == "tls" {
		return words.T("tls.eof")
	}
	var rh tls.RecordHeaderError
	if errors.As(err, &rh) && rh.Conn != nil { // the peer's first bytes, not a TLS record
		return words.T("tls.not_tls", string(rh.RecordHeader[:]))
	}
	if errors.Is(err, net.ErrClosed) {
		return words.T("err.closed")
	}
	var ne *net.OpError
	if errors.As(err, &ne) && ne.Err != nil {
		err = ne.Err
	}
	var pe *os.SyscallError
	if errors.As(err, &pe) && pe.Err != nil {
		err = pe.Err
	}
	return err.Error()
}

// lookupFailed says why the name in de could not be looked up.
func lookupFailed(de *net.DNSError) string {
	switch {
	case de.IsNotFound:
		return words.T("dns.not_found", de.Name)
	case de.IsTimeout:
		return words.T("dns.timeout", de.Name)
	}
	return words.T("dns.failed", de.Name)
}

// notAvailable says that a feature is not available on this system.
func notAvailable() string { return words.T("err.not_available", runtime.GOOS) }

// unavailable says err, an [netops.ErrNotAvailable] (or one of the errors
// that wrap it first), with what follows netops' text kept as it is.
func unavailable(err error) string {
	text := err.Error()
	for _, u := range []struct {
		err error
		key string
	}{{netops.ErrNoSuchOption, "err.no_such_option"}, {netops.ErrNoHandOver, "err.no_hand_over"}} {
		if rest, ok := strings.CutPrefix(text, u.err.Error()); ok && errors.Is(err, u.err) {
			return words.T(u.key, runtime.GOOS) + rest
		}
	}
	return notAvailable() + strings.TrimPrefix(text, netops.ErrNotAvailable.Error())
}

// errnoText is the system's text for en, in the catalog's words when
// socklab names the errno.
func errnoText(en syscall.Errno) string {
	if n := netops.Errno(en); words.Has("errtext." + n) {
		return words.T("errtext." + n)
	}
	return en.Error()
}

// Input says what is wrong with a refused value and the form wanted.
func Input(e *netops.InputError) string {
	switch e.Want {
	case "addr":
		if e.Value == "" {
			return words.T("input.empty_addr")
		}
		return words.T("input.addr", e.Value)
	case "hostport":
		return words.T("input.hostport", e.Value)
	case "port":
		return words.T("input.port", e.Value)
	case "proto":
		return words.T("input.proto", e.Value)
	case "option":
		return words.T("input.option", e.Value, strings.Join(netops.OptionNames, ", "))
	case "linger":
		return words.T("input.linger", e.Value)
	case "bytes":
		return words.T("input.bytes", e.What, e.Value)
	case "onoff":
		return words.T("input.onoff", e.What, e.Value)
	case "positive":
		return words.T("input.size", e.Value)
	case "min0":
		if e.What == "size" {
			return words.T("input.size0", e.Value)
		}
		return words.T("input.backlog", e.Value)
	case "name":
		return words.T("input.name", e.Value)
	case "int32":
		return words.T("limits.int32", e.What, e.Value)
	case "direction":
		return words.T("input.direction", e.Value)
	case "unread":
		return words.T("input.tls_unread")
	case "unixpath":
		return words.T("input.unixpath", len(e.Value), netops.MaxUnixPath)
	case "nonempty":
		return words.T("input.empty_delim")
	case "":
		if e.What == "host" {
			return words.T("input.host", e.Value)
		}
	}
	return words.T("input.other", e.What, e.Value)
}

// Kind names a kind of socket in a sentence: "a listener", "a UDP socket".
func Kind(k netops.Kind) string {
	switch k {
	case netops.KindListener:
		return words.T("kind.listener")
	case netops.KindConn:
		return words.T("kind.conn")
	case netops.KindPacket:
		return words.T("kind.udp")
	case netops.KindStep:
		return words.T("kind.socket")
	}
	return words.T("kind.unknown")
}

// KindWord names a socket's kind in one word, as the sockets table and
// the list of open sockets show it: listener, conn (conexão), udp, socket.
func KindWord(k netops.Kind) string {
	switch k {
	case netops.KindListener:
		return words.T("kindword.listener")
	case netops.KindConn:
		return words.T("kindword.conn")
	case netops.KindPacket:
		return words.T("kindword.udp")
	case netops.KindStep:
		return words.T("kindword.socket")
	}
	return k.String()
}

func kindError(e *netops.KindError, oe *netops.OpError) string {
	addr := ""
	if oe != nil {
		addr = oe.Addr
	}
	switch e.Need {
	case "stream":
		return words.T("need.stream", e.ID)
	case "tcpconn":
		return words.T("need.tcpconn", e.ID, Kind(e.Kind))
	case "listener":
		return words.T("need.listener", e.ID, Kind(e.Kind))
	case "unbound":
		return words.T("need.unbound", e.ID, addr)
	case "unconnected":
		return words.T("need.unconnected", e.ID)
	case "udp":
		return words.T("need.udp", e.ID)
	}
	return words.T("need.conn", e.ID, Kind(e.Kind), e.Op)
}

// Meaning says what err's errno means for the call that failed, or "" when
// it carries no errno socklab knows.
func Meaning(err error) string {
	n := netops.Errno(err)
	if n == "" {
		return ""
	}
	return errnoMeaning(netops.FailedCall(err), n)
}

func errnoMeaning(call, name string) string {
	if name == "EACCES" && (call == "bind" || call == "listen") && runtime.GOOS == "windows" {
		return words.T("windows.errno.bind.EACCES") // no privileged ports there
	}
	if k := "errno." + call + "." + name; call != "" && words.Has(k) {
		return words.T(k)
	}
	if k := "errno." + name; words.Has(k) {
		return words.T(k)
	}
	return ""
}

// CallLine returns a traced call as C would write it ([netops.Call.String]),
// with what C leaves unsaid in the catalog's words: the end of the stream
// a recv returned 0 for, the peer an accept or recvfrom got, the cause of
// a failure that has no errno ("recv(fd 5) = 0 (end of stream)",
// "accept(fd 3) = fd 6, peer 127.0.0.1:40112").
func CallLine(c netops.Call) string {
	s := c.String()
	switch {
	case c.Err != nil && netops.Errno(c.Err) == "" && netops.Winsock(c.Err) == "":
		return words.T("callline.failed", c.Name+"("+c.Args+")", Cause(c.Err))
	case c.Err != nil:
		return s
	case c.EOF:
		return words.T("callline.eof", s)
	case c.Peer != "" && c.Name == "accept":
		return words.T("callline.peer", s, c.Peer)
	case c.Peer != "":
		return words.T("callline.from", s, c.Peer)
	}
	return s
}

// Call says what a traced call did, in the words of a networks course ("the
// port is now ours"); for a failed call, what its errno means for it. It
// is "" for calls that need no comment.
func Call(c netops.Call) string {
	if c.Err != nil {
		if n := netops.Errno(c.Err); n == "EADDRINUSE" && c.Proto == "unix" { // a file, not a port
			return words.T("call.unix.bind_in_use")
		} else if n != "" {
			return errnoMeaning(c.Name, n)
		}
		return "" // CallLine says the cause
	}
	if c.Proto == "unix" { // no ports, handshakes or FIN: a file and the kernel's own queues
		if k := "call.unix." + c.Name; words.Has(k) {
			return words.T(k)
		}
		if c.Name == "recv" && c.EOF {
			return words.T("call.unix.recv_eof")
		}
		if c.Name == "shutdown" && strings.HasSuffix(c.Args, "SHUT_WR") {
			return words.T("call.unix.shut_wr")
		}
		if c.Name == "shutdown" && strings.HasSuffix(c.Args, "SHUT_RDWR") {
			return words.T("call.unix.shut_rdwr")
		}
	}
	if k := "call." + c.Name + "." + c.State; c.State != "" && words.Has(k) {
		return words.T(k)
	}
	switch c.Name {
	case "connect":
		if strings.HasPrefix(c.Proto, "udp") { // not by an unknown State: Windows gives TCP none either
			return words.T("call.connect_udp")
		}
	case "socket":
		if strings.Contains(c.Args, "SOCK_DGRAM") {
			return words.T("call.socket_udp")
		}
		return words.T("call.socket_tcp")
	case "setsockopt":
		if k := "call.opt." + strings.ReplaceAll(c.Args, ", ", "."); words.Has(k) { // a meaning for this value
			return words.T(k)
		}
		for _, f := range strings.Split(c.Args, ", ") {
			if k := "call.opt." + f; words.Has(k) {
				return words.T(k)
			}
		}
		return ""
	case "sendto":
		if strings.Contains(c.Result, "local ") {
			return words.T("call.sendto_autobind")
		}
	case "recv":
		if c.EOF {
			return words.T("call.recv_eof")
		}
	case "shutdown":
		switch {
		case strings.Contains(c.Args, "SHUT_WR"):
			return words.T("call.shut_wr")
		case strings.Contains(c.Args, "SHUT_RDWR"):
			return words.T("call.shut_rdwr")
		case strings.Contains(c.Args, "SHUT_RD"):
			return words.T("call.shut_rd")
		}
	}
	if k := "call." + c.Name; words.Has(k) {
		return words.T(k)
	}
	return ""
}

// Owner says who holds a socket of the kernel's table.
func Owner(e netops.NetEntry) string {
	switch e.Owner {
	case "table":
		return words.T("owner.table", e.ID)
	case "fd":
		return words.T("owner.fd", e.FD)
	case "queue":
		if e.Listener == 0 && e.Program != "" {
			return words.T("owner.queue_program", e.Program, e.PID)
		}
		return words.T("owner.queue", e.Listener)
	case "kernel":
		return words.T("owner.kernel")
	case "other":
		if e.Program != "" {
			return words.T("owner.program", e.Program, e.PID)
		}
		return words.T("owner.other")
	}
	return e.Owner
}
