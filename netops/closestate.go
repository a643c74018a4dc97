package netops

import (
	"net/netip"
	"time"
)

// This file finds the state a TCP connection is left in once its
// descriptor is closed, for the trace of close (FIN_WAIT_1, TIME_WAIT,
// LAST_ACK, ...). Only a traced close asks, so only a table with a Trace
// pays for the look-up and its short wait.

// stateAfterClose looks up the kernel's state of the connection with the
// given local and remote addresses after its descriptor was closed:
// FIN_WAIT_1/2, LAST_ACK, TIME_WAIT..., or CLOSED when the kernel has
// forgotten it. Without a tuple, or where the kernel's table cannot be
// read, it returns "" (unknown).
func stateAfterClose(before string, tuple [2]string) string {
	if tuple[0] == "" || tuple[1] == "" {
		return ""
	}
	l, err1 := netip.ParseAddrPort(tuple[0])
	r, err2 := netip.ParseAddrPort(tuple[1])
	if err1 != nil || err2 != nil {
		return ""
	}
	// Another descriptor of the socket (a watcher's dup) may keep it open
	// for a moment after close: look again while the state is unchanged.
	for range 25 {
		st := lookupState(l, r)
		if st != before {
			return st
		}
		time.Sleep(2 * time.Millisecond)
	}
	return before
}

// lookupState returns the state of the TCP connection l -> r in the
// kernel's table, "CLOSED" when it is not there, "" when the table cannot
// be read.
func lookupState(l, r netip.AddrPort) string {
	all, err := kernelSockets()
	if err != nil {
		return ""
	}
	for _, e := range all {
		if e.Proto[:3] != "tcp" {
			continue
		}
		el, err1 := netip.ParseAddrPort(e.Local)
		er, err2 := netip.ParseAddrPort(e.Remote)
		if err1 == nil && err2 == nil && sameAddrPort(el, l) && sameAddrPort(er, r) {
			return e.State
		}
	}
	return "CLOSED"
}

func sameAddrPort(a, b netip.AddrPort) bool {
	return a.Port() == b.Port() && a.Addr().Unmap() == b.Addr().Unmap()
}
