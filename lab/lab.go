// Package lab runs socklab in a private network of its own: a new user and
// network namespace (Linux), made without privileges, whose loopback is
// socklab's alone and where capturing packets is allowed. The outside
// network is not reachable from it.
//
// The parent process re-executes socklab inside the namespaces ([Start]);
// the child, which finds itself [Inside], brings its loopback up ([Setup]).
package lab

import "errors"

// envMarker tells the child it runs inside the lab.
const envMarker = "SOCKLAB_LAB"

// ErrNeedLinux is returned on systems without network namespaces.
var ErrNeedLinux = errors.New("the lab needs Linux network namespaces")

// Setting is a system setting that keeps unprivileged user namespaces off.
type Setting struct {
	Name  string // the sysctl's name: "user.max_user_namespaces"
	Value string // its value now
	Want  string // a value that allows them
}

// Error is a failure to make or set up the lab, with the setting to blame
// when one was found.
type Error struct {
	Step    string   // "unshare" or "loopback"
	Err     error    // the system's error
	Blocked *Setting // nil when no setting explains it
}

func (e *Error) Error() string { return e.Step + ": " + e.Err.Error() }

// Unwrap returns the system's error.
func (e *Error) Unwrap() error { return e.Err }
