package netops

import (
	"errors"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// winsockCases are the Winsock codes a socket lab meets, with what socklab
// must make of them on every system.
var winsockCases = []struct {
	code   syscall.Errno
	wsa    string
	posix  string
	reason string
}{
	{10061, "WSAECONNREFUSED", "ECONNREFUSED", "refused"},
	{10048, "WSAEADDRINUSE", "EADDRINUSE", "in use"},
	{10054, "WSAECONNRESET", "ECONNRESET", "reset"},
	{10060, "WSAETIMEDOUT", "ETIMEDOUT", ""},
	{10051, "WSAENETUNREACH", "ENETUNREACH", "unreachable"},
	{10065, "WSAEHOSTUNREACH", "EHOSTUNREACH", "unreachable"},
	{10053, "WSAECONNABORTED", "ECONNABORTED", ""},
	{10040, "WSAEMSGSIZE", "EMSGSIZE", ""},
	{10022, "WSAEINVAL", "EINVAL", ""},
	{10057, "WSAENOTCONN", "ENOTCONN", ""},
	{10049, "WSAEADDRNOTAVAIL", "EADDRNOTAVAIL", ""},
	{10013, "WSAEACCES", "EACCES", ""},
	{10056, "WSAEISCONN", "EISCONN", ""},
	{10045, "WSAEOPNOTSUPP", "EOPNOTSUPP", ""},
}

// goErr wraps code as Go's net package returns a failed connect on Windows.
func goErr(code syscall.Errno) error {
	return &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connectex", code)}
}

// TestWinsockErrors checks that a Winsock code reads as its POSIX errno
// everywhere a person or script sees it: the reason, the errno's name, its
// meaning, errors.Is, and the text of the error with both names. It runs on
// every system: Winsock's codes are above any POSIX errno.
func TestWinsockErrors(t *testing.T) {
	for _, c := range winsockCases {
		e := opErr("connect", nil, "127.0.0.1:9", goErr(c.code))
		want := c.reason
		if want == "" {
			want = posixErrno(t, c.posix).Error()
		}
		if got := Reason(e); !strings.HasPrefix(got, want) {
			t.Errorf("%s: Reason %q, want %q", c.wsa, got, want)
		}
		if got := Errno(e); got != c.posix {
			t.Errorf("%s: Errno %q, want %q", c.wsa, got, c.posix)
		}
		if !errors.Is(e, posixErrno(t, c.posix)) {
			t.Errorf("%s: errors.Is(err, syscall.%s) is false", c.wsa, c.posix)
		}
		if got, want := Winsock(e), c.wsa+" "+strconv.Itoa(int(c.code)); got != want {
			t.Errorf("%s: Winsock %q, want %q", c.wsa, got, want)
		}
		if s, want := e.Error(), "connect 127.0.0.1:9: "+posixErrno(t, c.posix).Error(); s != want {
			t.Errorf("%s: the error reads %q, want %q as on other systems", c.wsa, s, want)
		}
		se := sysErr("bind", goErr(c.code))
		if s := se.Error(); !strings.Contains(s, c.posix) || !strings.Contains(s, c.wsa) {
			t.Errorf("%s: SysError %q does not name both", c.wsa, s)
		}
		call := Call{Name: "connect", Args: "fd 3, 127.0.0.1:9", Err: se}
		if s := call.String(); !strings.HasSuffix(s, "= -1 "+c.posix+" ("+c.wsa+" "+strconv.Itoa(int(c.code))+")") {
			t.Errorf("%s: explain shows %q", c.wsa, s)
		}
	}
	if e := sysErr("connect", goErr(10061)); Errno(e) != "ECONNREFUSED" || FailedCall(e) != "connect" {
		t.Errorf("WSAECONNREFUSED: errno %q, call %q; the catalog's meaning is keyed by both", Errno(e), FailedCall(e))
	}
}

// TestWinsockTable checks the table itself: every code once, every POSIX
// errno it names known by name, the overlapped-I/O codes read as Windows'
// only on Windows (on Linux errno 64 is ENONET, not a reset).
func TestWinsockTable(t *testing.T) {
	seen := map[syscall.Errno]bool{}
	for _, w := range winsockErrnos {
		if seen[w.code] {
			t.Errorf("code %d twice", w.code)
		}
		seen[w.code] = true
		if errnoName(w.posix) != w.pname {
			t.Errorf("%s: POSIX name %q, table says %q", w.name, errnoName(w.posix), w.pname)
		}
		if !strings.HasPrefix(w.name, "WSAE") && !strings.HasPrefix(w.name, "ERROR_") {
			t.Errorf("%s: not a Windows name", w.name)
		}
	}
	_, _, ok := fromWinsock(1225)
	if ok != onWindows {
		t.Errorf("ERROR_CONNECTION_REFUSED recognised %v on %s", ok, map[bool]string{true: "Windows", false: "this system"}[onWindows])
	}
	if Reason(opErr("recv", nil, "", syscall.Errno(64))) == "reset" && !onWindows {
		t.Errorf("errno 64 read as a Windows reset on a POSIX system")
	}
	// Windows' "path not found" (3, which Go's syscall package names
	// ENOTDIR there) is a missing path; on Linux 3 is ESRCH.
	if got := Errno(syscall.Errno(3)); (got == "ENOENT") != onWindows {
		t.Errorf("errno 3 named %s on %s", got, map[bool]string{true: "Windows", false: "this system"}[onWindows])
	}
}

func posixErrno(t *testing.T, name string) syscall.Errno {
	t.Helper()
	for _, w := range winsockErrnos {
		if w.pname == name {
			return w.posix
		}
	}
	t.Fatalf("no POSIX errno %s in the table", name)
	return 0
}
