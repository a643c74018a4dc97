//go:build unix && !linux

package netops

// msgNoSignal is 0 here: Go's runtime ignores SIGPIPE on sockets anyway.
const msgNoSignal = 0
