//go:build !linux

package check

// socketsOf cannot see another process's sockets on this system.
func socketsOf(int) ([]string, bool) { return nil, false }

// listeningIn cannot see where another process listens on this system.
func listeningIn(int) []string { return nil }
