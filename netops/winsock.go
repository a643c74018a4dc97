package netops

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"
)

// winsockErrnos pairs the error codes Windows' sockets give (Winsock's
// WSAE* codes, winerror.h, and the ERROR_* codes that overlapped I/O
// reports for the same failures) with the POSIX errno of the same meaning,
// so that a refused connect is ECONNREFUSED, "refused" and the same hint on
// every system. The syscall package defines the POSIX errnos on Windows
// too (with values of its own), which is what [portable] maps to.
var winsockErrnos = []struct {
	code  syscall.Errno // Windows' code: 10061
	name  string        // its name: "WSAECONNREFUSED"
	posix syscall.Errno // the POSIX errno of the same meaning
	pname string        // its name: "ECONNREFUSED"
}{
	{10004, "WSAEINTR", syscall.EINTR, "EINTR"},
	{10009, "WSAEBADF", syscall.EBADF, "EBADF"},
	{10013, "WSAEACCES", syscall.EACCES, "EACCES"},
	{10014, "WSAEFAULT", syscall.EFAULT, "EFAULT"},
	{10022, "WSAEINVAL", syscall.EINVAL, "EINVAL"},
	{10024, "WSAEMFILE", syscall.EMFILE, "EMFILE"},
	{10035, "WSAEWOULDBLOCK", syscall.EAGAIN, "EAGAIN"},
	{10036, "WSAEINPROGRESS", syscall.EINPROGRESS, "EINPROGRESS"},
	{10037, "WSAEALREADY", syscall.EALREADY, "EALREADY"},
	{10038, "WSAENOTSOCK", syscall.ENOTSOCK, "ENOTSOCK"},
	{10039, "WSAEDESTADDRREQ", syscall.EDESTADDRREQ, "EDESTADDRREQ"},
	{10040, "WSAEMSGSIZE", syscall.EMSGSIZE, "EMSGSIZE"},
	{10041, "WSAEPROTOTYPE", syscall.EPROTOTYPE, "EPROTOTYPE"},
	{10042, "WSAENOPROTOOPT", syscall.ENOPROTOOPT, "ENOPROTOOPT"},
	{10043, "WSAEPROTONOSUPPORT", syscall.EPROTONOSUPPORT, "EPROTONOSUPPORT"},
	{10045, "WSAEOPNOTSUPP", syscall.EOPNOTSUPP, "EOPNOTSUPP"},
	{10047, "WSAEAFNOSUPPORT", syscall.EAFNOSUPPORT, "EAFNOSUPPORT"},
	{10048, "WSAEADDRINUSE", syscall.EADDRINUSE, "EADDRINUSE"},
	{10049, "WSAEADDRNOTAVAIL", syscall.EADDRNOTAVAIL, "EADDRNOTAVAIL"},
	{10050, "WSAENETDOWN", syscall.ENETDOWN, "ENETDOWN"},
	{10051, "WSAENETUNREACH", syscall.ENETUNREACH, "ENETUNREACH"},
	{10052, "WSAENETRESET", syscall.ENETRESET, "ENETRESET"},
	{10053, "WSAECONNABORTED", syscall.ECONNABORTED, "ECONNABORTED"},
	{10054, "WSAECONNRESET", syscall.ECONNRESET, "ECONNRESET"},
	{10055, "WSAENOBUFS", syscall.ENOBUFS, "ENOBUFS"},
	{10056, "WSAEISCONN", syscall.EISCONN, "EISCONN"},
	{10057, "WSAENOTCONN", syscall.ENOTCONN, "ENOTCONN"},
	{10058, "WSAESHUTDOWN", syscall.ESHUTDOWN, "ESHUTDOWN"},
	{10060, "WSAETIMEDOUT", syscall.ETIMEDOUT, "ETIMEDOUT"},
	{10061, "WSAECONNREFUSED", syscall.ECONNREFUSED, "ECONNREFUSED"},
	{10064, "WSAEHOSTDOWN", syscall.EHOSTDOWN, "EHOSTDOWN"},
	{10065, "WSAEHOSTUNREACH", syscall.EHOSTUNREACH, "EHOSTUNREACH"},
	// What Windows says for a path one of whose directories is missing
	// (a UNIX socket's, a file's): Go's syscall package calls it ENOTDIR,
	// but it is "the system cannot find the path specified", POSIX's ENOENT.
	{3, "ERROR_PATH_NOT_FOUND", syscall.ENOENT, "ENOENT"},
	// What overlapped I/O (Go's net package on Windows) reports instead.
	{64, "ERROR_NETNAME_DELETED", syscall.ECONNRESET, "ECONNRESET"},
	{121, "ERROR_SEM_TIMEOUT", syscall.ETIMEDOUT, "ETIMEDOUT"},
	{234, "ERROR_MORE_DATA", syscall.EMSGSIZE, "EMSGSIZE"},
	{1225, "ERROR_CONNECTION_REFUSED", syscall.ECONNREFUSED, "ECONNREFUSED"},
	{1231, "ERROR_NETWORK_UNREACHABLE", syscall.ENETUNREACH, "ENETUNREACH"},
	{1232, "ERROR_HOST_UNREACHABLE", syscall.EHOSTUNREACH, "EHOSTUNREACH"},
	{1236, "ERROR_CONNECTION_ABORTED", syscall.ECONNABORTED, "ECONNABORTED"},
}

// wsaBase is WSABASEERR: Winsock's own codes start there, far above any
// POSIX errno, so they are recognised on every system (which lets the
// mapping be tested anywhere). The ERROR_* codes below it overlap POSIX
// errno values and are read as Windows' only on Windows.
const wsaBase = 10000

// onWindows is whether the ERROR_* codes are Windows' (see [wsaBase]).
var onWindows = runtime.GOOS == "windows"

// fromWinsock returns the POSIX errno and Windows' name for a Windows code.
func fromWinsock(code syscall.Errno) (posix syscall.Errno, name string, ok bool) {
	if code < wsaBase && !onWindows {
		return 0, "", false
	}
	for _, w := range winsockErrnos {
		if w.code == code {
			return w.posix, w.name, true
		}
	}
	return 0, "", false
}

// posixName returns the POSIX name of errno e from the Winsock table, ""
// when it is not there.
func posixName(e syscall.Errno) string {
	for _, w := range winsockErrnos {
		if w.posix == e {
			return w.pname
		}
	}
	return ""
}

// WinsockError is a Windows socket error seen as the POSIX errno of the
// same meaning: errors.Is(err, syscall.ECONNREFUSED) and errors.As into a
// syscall.Errno find the POSIX errno first, so [Reason], [Errno], [Explain]
// and the hints work as on Linux; Windows' own code stays in Code.
type WinsockError struct {
	Code  syscall.Errno // Windows' code: 10061
	Name  string        // "WSAECONNREFUSED"
	Errno syscall.Errno // the POSIX errno: syscall.ECONNREFUSED
	Err   error         // the error as the system call returned it
}

// Error returns the POSIX errno's text, as on other systems: "connection
// refused". [Winsock] gives Windows' name and code.
func (e *WinsockError) Error() string { return e.Errno.Error() }

// Unwrap returns the POSIX errno, then the original error.
func (e *WinsockError) Unwrap() []error { return []error{e.Errno, e.Err} }

// portable returns err with a Windows socket code in it seen as its POSIX
// errno (a [*WinsockError]); any other error is returned as it is.
func portable(err error) error {
	var we *WinsockError
	var en syscall.Errno
	if err == nil || errors.As(err, &we) || !errors.As(err, &en) {
		return err
	}
	posix, name, ok := fromWinsock(en)
	if !ok {
		return err
	}
	return &WinsockError{Code: en, Name: name, Errno: posix, Err: err}
}

// Winsock returns Windows' name and code for the error behind err,
// "WSAECONNREFUSED 10061", or "" when err carries none.
func Winsock(err error) string {
	var we *WinsockError
	var se *SysError
	switch {
	case errors.As(err, &se) && se.Winsock != "":
		return se.Winsock
	case errors.As(portable(err), &we):
		return fmt.Sprintf("%s %d", we.Name, int(we.Code))
	}
	return ""
}

// Portable returns err with a Windows socket code in it seen as its POSIX
// errno (a [*WinsockError], whose text is the POSIX one: "connection
// refused"); any other error is returned as it is. netops' own errors do
// this already; it is for code that calls the net package itself.
func Portable(err error) error { return portable(err) }
