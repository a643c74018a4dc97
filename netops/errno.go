package netops

import (
	"errors"
	"fmt"
	"syscall"
)

// SysError is a system call that failed with an errno, as the step calls
// and the one-step listen report it. Its text names the errno, "address
// already in use (EADDRINUSE)"; [Explain] says what it means for the call.
// errors.Is(err, syscall.EADDRINUSE) and [Reason] see through it.
type SysError struct {
	Call    string        // "socket", "bind", "listen", "connect", ...
	Errno   syscall.Errno // the kernel's answer (on Windows, its POSIX errno)
	Winsock string        // on Windows, its own name and code: "WSAEADDRINUSE 10048"
}

// Error returns the errno's text and name, and Windows' where it is one.
func (e *SysError) Error() string {
	n := errnoName(e.Errno)
	switch {
	case e.Winsock != "":
		return e.Errno.Error() + " (" + n + "; Windows: " + e.Winsock + ")"
	case n != "":
		return e.Errno.Error() + " (" + n + ")"
	}
	return e.Errno.Error()
}

// Unwrap returns the errno.
func (e *SysError) Unwrap() error { return e.Errno }

// sysErr wraps a failed call's error, leaving nil and non-errno errors as
// they are.
func sysErr(call string, err error) error {
	var en syscall.Errno
	err = portable(err)
	if err == nil || !errors.As(err, &en) {
		return err
	}
	return &SysError{Call: call, Errno: en, Winsock: Winsock(err)}
}

// errnos names the errnos a socket lab meets, with what each means in
// general; [errnoCallMeanings] refines them for a particular call.
var errnos = []struct {
	errno   syscall.Errno
	name    string
	meaning string
}{
	{syscall.EADDRINUSE, "EADDRINUSE", "another socket already holds this address and port (a server, or a connection in TIME_WAIT without SO_REUSEADDR)"},
	{syscall.EADDRNOTAVAIL, "EADDRNOTAVAIL", "that address is not one of this machine's: bind to 0.0.0.0, 127.0.0.1 or an address the host has"},
	{syscall.ECONNREFUSED, "ECONNREFUSED", "the host answered with RST: nothing listens on that port"},
	{syscall.ECONNRESET, "ECONNRESET", "the peer reset the connection (RST): it closed with data unread, or with linger 0"},
	{syscall.ECONNABORTED, "ECONNABORTED", "the connection was aborted before it could be used"},
	{syscall.EISCONN, "EISCONN", "the socket is already connected (or listening): a TCP socket connects once"},
	{syscall.ENOTCONN, "ENOTCONN", "the socket is not connected: connect it first, or accept a connection and use that one"},
	{syscall.EINVAL, "EINVAL", "the call does not fit the socket's present state"},
	{syscall.EPIPE, "EPIPE", "nothing to send to: the socket is not connected, or this side already shut down writing"},
	{syscall.ETIMEDOUT, "ETIMEDOUT", "no answer: the SYN (or data) went unanswered until the kernel gave up"},
	{syscall.EHOSTUNREACH, "EHOSTUNREACH", "no route to that host"},
	{syscall.ENETUNREACH, "ENETUNREACH", "no route to that network: check the address and the interface"},
	{syscall.EACCES, "EACCES", "permission denied: ports below 1024 need root (or CAP_NET_BIND_SERVICE)"},
	{syscall.EAFNOSUPPORT, "EAFNOSUPPORT", "the address is of the other family: an IPv4 socket cannot use an IPv6 address (use tcp6/udp6)"},
	{syscall.EOPNOTSUPP, "EOPNOTSUPP", "this kind of socket does not do that (UDP has no listen or accept)"},
	{syscall.EALREADY, "EALREADY", "a connect is already under way on this socket"},
	{syscall.EINPROGRESS, "EINPROGRESS", "the handshake has started and has not finished yet (SYN_SENT)"},
	{syscall.EBADF, "EBADF", "the descriptor is not open"},
	{syscall.EMFILE, "EMFILE", "this process has too many descriptors open (ulimit -n)"},
	{syscall.EDESTADDRREQ, "EDESTADDRREQ", "no destination: connect the socket or use sendto"},
}

// errnoCallMeanings refines an errno's meaning for one call, as "call errno".
var errnoCallMeanings = map[string]string{
	"bind EINVAL":       "the socket already has an address: bind works once, before listen or connect",
	"listen EINVAL":     "only a socket that is not connected can listen",
	"accept EINVAL":     "the socket is not listening: call listen first",
	"connect EISCONN":   "the socket is already connected, or is a listener: make a new socket for each connection",
	"connect EINVAL":    "this socket cannot connect to that address",
	"recv ENOTCONN":     "nothing to receive from: the socket is not connected (a listener hands out connections with accept)",
	"send EPIPE":        "nothing to send to: the socket is not connected, or this side already sent FIN",
	"shutdown ENOTCONN": "there is no connection to shut down",
	"listen EOPNOTSUPP": "UDP has no connections, so nothing to listen for: bind it and use recvfrom",
	"accept EOPNOTSUPP": "UDP has no connections to accept: use recvfrom",
	"bind EADDRINUSE":   "another socket already holds this address and port: a server, or a connection still in TIME_WAIT (set option reuseaddr before bind)",
}

// errnoName returns the errno's symbolic name, "" when socklab does not know it.
func errnoName(e syscall.Errno) string {
	for _, x := range errnos {
		if x.errno == e {
			return x.name
		}
	}
	return posixName(e)
}

// Errno returns the symbolic name of the errno behind err ("ECONNREFUSED"),
// or "" when err carries none.
func Errno(err error) string {
	var en syscall.Errno
	if !errors.As(portable(err), &en) {
		return ""
	}
	if n := errnoName(en); n != "" {
		return n
	}
	return fmt.Sprintf("errno %d", int(en))
}

// Explain returns one line saying what err means for the call that failed
// (as the [SysError] or [OpError] names it), or "" when socklab has nothing
// to add to the error's own text.
func Explain(err error) string {
	var en syscall.Errno
	err = portable(err)
	if !errors.As(err, &en) {
		return ""
	}
	call := ""
	var se *SysError
	var oe *OpError
	switch {
	case errors.As(err, &se):
		call = se.Call
	case errors.As(err, &oe):
		call = oe.Op
	}
	return errnoMeaning(call, en)
}

// errnoMeaning is what errno en means for call.
func errnoMeaning(call string, en syscall.Errno) string {
	name := errnoName(en)
	if m, ok := errnoCallMeanings[call+" "+name]; ok && name != "" {
		return m
	}
	for _, x := range errnos {
		if x.errno == en {
			return x.meaning
		}
	}
	return ""
}
