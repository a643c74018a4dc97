package netops

import (
	"errors"
	"fmt"
	"syscall"
)

// SysError is a system call that failed with an errno, as the step calls
// and the one-step listen report it. Its text names the errno, "address
// already in use (EADDRINUSE)".
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
		return e.Errno.Error() + " (" + n + ", Windows " + e.Winsock + ")"
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

// errnos are the errnos socklab names, with their POSIX names: the
// catalog's meanings are keyed by these names ("errno.ECONNREFUSED").
var errnos = []struct {
	errno syscall.Errno
	name  string
}{
	{syscall.EADDRINUSE, "EADDRINUSE"},
	{syscall.EADDRNOTAVAIL, "EADDRNOTAVAIL"},
	{syscall.ECONNREFUSED, "ECONNREFUSED"},
	{syscall.ECONNRESET, "ECONNRESET"},
	{syscall.ECONNABORTED, "ECONNABORTED"},
	{syscall.EISCONN, "EISCONN"},
	{syscall.ENOTCONN, "ENOTCONN"},
	{syscall.EINVAL, "EINVAL"},
	{syscall.EPIPE, "EPIPE"},
	{syscall.ETIMEDOUT, "ETIMEDOUT"},
	{syscall.EHOSTUNREACH, "EHOSTUNREACH"},
	{syscall.ENETUNREACH, "ENETUNREACH"},
	{syscall.EACCES, "EACCES"},
	{syscall.EAFNOSUPPORT, "EAFNOSUPPORT"},
	{syscall.EOPNOTSUPP, "EOPNOTSUPP"},
	{syscall.EALREADY, "EALREADY"},
	{syscall.EINPROGRESS, "EINPROGRESS"},
	{syscall.EBADF, "EBADF"},
	{syscall.EMFILE, "EMFILE"},
	{syscall.EDESTADDRREQ, "EDESTADDRREQ"},
	{syscall.ENOENT, "ENOENT"}, // a file named to socklab (nc -U, --ca, a script) is not there
	{syscall.EPERM, "EPERM"},
	// files named to socklab (recv --out, record, a TLS key, check's
	// program, --gradescope) fail with these
	{syscall.EISDIR, "EISDIR"},
	{syscall.ENOTDIR, "ENOTDIR"},
	{syscall.ENOSPC, "ENOSPC"},
	{syscall.EROFS, "EROFS"},
	{syscall.EEXIST, "EEXIST"},
	{syscall.ENOEXEC, "ENOEXEC"},
	{syscall.ETXTBSY, "ETXTBSY"},
	{syscall.ENAMETOOLONG, "ENAMETOOLONG"},
	{syscall.ELOOP, "ELOOP"},
}

// errnoName returns the errno's POSIX name, "" when socklab does not know it.
func errnoName(e syscall.Errno) string {
	for _, x := range errnos {
		if x.errno == e {
			return x.name
		}
	}
	return posixName(e)
}

// Errno returns the POSIX name of the errno behind err ("ECONNREFUSED"),
// "errno N" for one socklab does not name, or "" when err carries none.
// The catalog's meanings of errors are keyed by these names.
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

// FailedCall returns the name of the call that failed with err: the
// [SysError]'s call, else the [OpError]'s operation, else "".
func FailedCall(err error) string {
	var se *SysError
	var oe *OpError
	switch {
	case errors.As(err, &se):
		return se.Call
	case errors.As(err, &oe):
		return oe.Op
	}
	return ""
}
