package netops

import "strconv"

// Trace is a set of hooks run when netops makes an underlying socket call, in
// the manner of net/http/httptrace.ClientTrace. A nil *Trace, or a nil field,
// is ignored. The hooks may be called from several goroutines at once and
// must not block.
type Trace struct {
	// Call is called after each socket call (socket, setsockopt, bind,
	// listen, accept, connect, send, recv, shutdown, close, ...).
	Call func(Call)
}

// Call describes one underlying socket call for a [Trace].
type Call struct {
	ID     int    // the socket's table id, 0 when it has none yet
	FD     int    // the descriptor, -1 when unknown
	Name   string // the call: "socket", "bind", "listen", "accept", ...
	Args   string // its arguments as a person reads them: "fd 5, 0.0.0.0:8888"
	Result string // its result: "fd 6", "12 bytes", "0", ""
	Peer   string // the address accept's new connection or recvfrom's datagram came from, "" when none
	EOF    bool   // a recv that returned 0: the peer finished sending
	Err    error  // its error, if it failed
	State  string // the kernel's TCP state after the call, "" when not known
	Proto  string // "tcp", "udp", "tcp6", ... where the call needs it said; "" when not given
}

// bytesText is a count of bytes as a traced call shows it: "1 byte",
// "12 bytes" (the unit is the same word in every language).
func bytesText(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return strconv.Itoa(n) + " bytes"
}

// emit reports c to t.Call when there is one.
func (t *Trace) emit(c Call) {
	if t != nil && t.Call != nil {
		t.Call(c)
	}
}

// String returns the call as C would write it, with its result:
// "socket(AF_INET, SOCK_STREAM) = fd 5", "bind(fd 5, 0.0.0.0:8888)",
// "connect(fd 5, 127.0.0.1:9) = -1 ECONNREFUSED", "recv(fd 5) = 0". Peer
// and EOF are left for the reader to say (package say), as is the cause
// of a failure with no errno.
func (c Call) String() string {
	s := c.Name + "(" + c.Args + ")"
	switch {
	case c.Err != nil:
		if n, w := Errno(c.Err), Winsock(c.Err); w != "" {
			return s + " = -1 " + n + " (" + w + ")"
		} else if n != "" {
			return s + " = -1 " + n
		}
		return s + " = -1"
	case c.Result != "":
		return s + " = " + c.Result
	}
	return s
}
