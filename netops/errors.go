package netops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"syscall"
	"time"
)

// Errors that operations wrap in an [*OpError]; test for them with errors.Is.
var (
	// ErrTimeout reports that an operation's timeout passed before it completed.
	ErrTimeout = errors.New("timed out")
	// ErrTooLong reports that a delimited or whole-stream receive reached
	// its size limit before the delimiter or the end of the stream.
	ErrTooLong = errors.New("too long")
	// ErrNoSocket reports an id that names no open socket.
	ErrNoSocket = errors.New("no such socket")
	// ErrWrongKind reports an operation made on the wrong kind of socket,
	// such as recv on a listener.
	ErrWrongKind = errors.New("wrong kind of socket")
	// ErrNoPeer reports a send on an unconnected UDP socket that has not yet
	// heard from anyone.
	ErrNoPeer = errors.New("no peer yet")
	// ErrBusy reports a receive that would have to wait for another receive
	// on the same socket ([Socket.TryRecv]).
	ErrBusy = errors.New("busy")
)

// InputError reports a value netops cannot use, as given by the person or
// the script: what it is, the value, and a token for the form wanted, which
// the catalog turns into words ("want HOST:PORT ...").
type InputError struct {
	What  string // "address", "host", "port", "protocol", "option", "size", "backlog", "direction", or an option's name
	Value string // the value as given
	// Want is the form a valid value has: "addr" (HOST:PORT, :PORT or
	// PORT), "hostport" (HOST:PORT, IPv6 as [::1]:PORT), "port" (0 to
	// 65535), "proto" (tcp or udp), "option" (one of [OptionNames]),
	// "linger" (off or seconds), "bytes" (a positive byte count), "onoff",
	// "positive" (a number above 0), "min0" (0 or more), "direction" (read,
	// write or both), "name" (a host name or an IP address), "int32" (0 to
	// 2147483647, what a C int the kernel takes holds), "nonempty" (at
	// least one byte), "" (no form: the
	// value is bad in itself).
	Want string
}

// Error returns "bad WHAT VALUE", the value quoted.
func (e *InputError) Error() string {
	if e.Value == "" && e.What == "address" {
		return "empty address"
	}
	return "bad " + e.What + " " + strconv.Quote(e.Value)
}

// KindError reports an operation made on a kind of socket that cannot do
// it. errors.Is(err, [ErrWrongKind]) holds for it.
type KindError struct {
	Op   string // the operation: "recv", "send", "accept", ...
	ID   int    // the socket's id
	Kind Kind   // what the socket is
	// Need is what the operation needs, a token: "conn" (a connection),
	// "stream" (a byte stream, not datagrams), "tcpconn" (a TCP
	// connection), "listener" (a listening TCP socket), "unbound" (a UDP
	// step socket not yet bound), "unconnected" (an unconnected UDP
	// socket), "udp" (a UDP socket).
	Need string
}

// Error returns "wrong kind of socket (KIND)".
func (e *KindError) Error() string { return ErrWrongKind.Error() + " (" + e.Kind.String() + ")" }

// Is makes errors.Is(err, ErrWrongKind) hold.
func (e *KindError) Is(target error) bool { return target == ErrWrongKind }

// TimeoutError reports a wait that gave up after a timeout the caller set.
// errors.Is(err, [ErrTimeout]) holds for it.
type TimeoutError struct {
	After time.Duration
}

// Error returns "timed out after D".
func (e *TimeoutError) Error() string { return ErrTimeout.Error() + " after " + e.After.String() }

// Is makes errors.Is(err, ErrTimeout) hold.
func (e *TimeoutError) Is(target error) bool { return target == ErrTimeout }

// LimitError reports a receive that reached its size limit before what it
// waited for. errors.Is(err, [ErrTooLong]) holds for it.
type LimitError struct {
	Limit int    // the limit, in bytes
	Until string // what the receive waited for: "delimiter" or "eof"
}

// Error returns "too long (over LIMIT bytes)".
func (e *LimitError) Error() string {
	return ErrTooLong.Error() + " (over " + strconv.Itoa(e.Limit) + " bytes)"
}

// Is makes errors.Is(err, ErrTooLong) hold.
func (e *LimitError) Is(target error) bool { return target == ErrTooLong }

// OpError is the error type of netops operations. Like *net.OpError it names
// the operation, network and address; it adds the socket's table id.
type OpError struct {
	Op   string // "listen", "accept", "connect", "send", "recv", ...
	ID   int    // socket id, 0 when the socket has none (yet)
	Net  string // "tcp" or "udp"
	Addr string // the address involved, if any
	Err  error  // the cause
}

// Error returns "[ID] op net addr: cause", leaving out the parts that are empty.
func (e *OpError) Error() string {
	s := ""
	if e.ID > 0 {
		s = fmt.Sprintf("[%d] ", e.ID)
	}
	s += e.Op
	if e.Net != "" {
		s += " " + e.Net
	}
	if e.Addr != "" {
		s += " " + e.Addr
	}
	return s + ": " + causeText(e.Err)
}

// Unwrap returns the cause (a Windows socket code seen as its POSIX errno,
// see [WinsockError]).
func (e *OpError) Unwrap() error { return portable(e.Err) }

// Timeout reports whether the cause is a timeout.
func (e *OpError) Timeout() bool { return errors.Is(e.Err, ErrTimeout) }

// causeText strips the layers of *net.OpError and *os.SyscallError that Go
// adds, so that "[1] connect tcp 127.0.0.1:9: connection refused" does not
// repeat the operation and address.
func causeText(err error) string {
	var we *WinsockError
	if errors.As(portable(err), &we) {
		return we.Error()
	}
	var ne *net.OpError
	if errors.As(err, &ne) && ne.Err != nil {
		err = ne.Err
	}
	var se *os.SyscallError
	if errors.As(err, &se) && se.Err != nil {
		err = se.Err
	}
	if err == nil {
		return "unknown error"
	}
	return err.Error()
}

// Reason reduces an error to a short word scripts can compare against:
// "closed" (end of stream, or the socket was closed), "timeout", "refused",
// "reset", "canceled", "in use", "unreachable", "too long", or else the
// error's own text.
func Reason(err error) string {
	err = portable(err)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, io.EOF), errors.Is(err, net.ErrClosed), errors.Is(err, syscall.EPIPE):
		return "closed"
	case errors.Is(err, ErrTimeout), errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	case errors.Is(err, syscall.EADDRINUSE):
		return "in use"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "unreachable"
	case errors.Is(err, ErrTooLong):
		return "too long"
	case errors.Is(err, ErrBudget):
		return "memory"
	}
	return causeText(err)
}

// opErr wraps err for socket s (which may be nil) unless it is nil. With
// no addr it names the socket's own address for calls about this side
// (bind, listen, accept), else the peer's where there is one.
func opErr(op string, s *Socket, addr string, err error) error {
	if err == nil {
		return nil
	}
	e := &OpError{Op: op, Addr: addr, Err: portable(err)}
	if s != nil && errors.Is(e.Err, syscall.ECONNRESET) {
		s.reset.Store(true)
	}
	if s != nil {
		e.ID, e.Net = s.ID, s.Proto
		switch {
		case e.Addr != "":
		case op == "bind" || op == "listen" || op == "accept" || s.pc != nil && op == "recvfrom":
			e.Addr = s.LocalAddr() // an unconnected socket's last peer is not what failed
		default:
			e.Addr = s.peerOrLocal()
		}
	}
	return e
}
