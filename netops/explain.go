package netops

import (
	"errors"
	"strings"
	"syscall"
)

// String returns the call as C would write it, with its result:
// "socket(AF_INET, SOCK_STREAM) = fd 5", "bind(fd 5, 0.0.0.0:8888)",
// "connect(fd 5, 127.0.0.1:9) = -1 ECONNREFUSED".
func (c Call) String() string {
	s := c.Name + "(" + c.Args + ")"
	switch {
	case c.Err != nil:
		if n, w := Errno(c.Err), Winsock(c.Err); w != "" {
			return s + " = -1 " + n + " (" + w + ")"
		} else if n != "" {
			return s + " = -1 " + n
		}
		return s + " failed: " + causeText(c.Err)
	case c.Result != "":
		return s + " = " + c.Result
	}
	return s
}

// Meaning returns one line saying what the call did, in the words of a
// networks course: "the port is now ours". For a failed call it says what
// the errno means for that call (see [Explain]). It is "" for calls that
// need no comment.
func (c Call) Meaning() string {
	if c.Err != nil {
		var en syscall.Errno
		if errors.As(portable(c.Err), &en) {
			return errnoMeaning(c.Name, en)
		}
		return Reason(c.Err)
	}
	if m, ok := stateMeanings[c.Name+" "+c.State]; ok {
		return m
	}
	switch c.Name {
	case "connect":
		if isUDP(c.Proto) { // not by an unknown State: Windows gives TCP none either
			return "UDP connect only records the peer: no packet is sent"
		}
	case "socket":
		if strings.Contains(c.Args, "SOCK_DGRAM") {
			return "a UDP endpoint, not yet addressed"
		}
		return "a TCP endpoint, not yet addressed"
	case "setsockopt":
		for _, f := range strings.Split(c.Args, ", ") {
			if m, ok := optionMeanings[f]; ok {
				return m
			}
		}
		return ""
	case "recv":
		if strings.Contains(c.Result, "end of stream") {
			return "the peer sent FIN: it will send nothing more"
		}
	case "shutdown":
		switch {
		case strings.Contains(c.Args, "SHUT_WR"):
			return "FIN sent: we will send nothing more, but can still receive"
		case strings.Contains(c.Args, "SHUT_RDWR"):
			return "FIN sent, and what arrives from now on is thrown away"
		case strings.Contains(c.Args, "SHUT_RD"):
			return "what arrives from now on is thrown away; nothing is sent to the peer"
		}
	}
	return callMeanings[c.Name]
}

// callMeanings says what each successful call does.
var callMeanings = map[string]string{
	"bind":       "the port is now ours",
	"listen":     "the kernel will now complete handshakes",
	"accept":     "took a finished handshake from the queue: a new socket for this client",
	"connect":    "three-way handshake done (SYN, SYN-ACK, ACK)",
	"send":       "copied into the kernel's send buffer; the kernel sends it",
	"sendto":     "one datagram sent; UDP does not know if it arrives",
	"recv":       "copied out of the kernel's receive buffer",
	"recvfrom":   "one datagram, with the address it came from",
	"close":      "descriptor released",
	"getsockopt": "",
}

// stateMeanings refine a call's meaning by the state after it, as
// "call STATE".
var stateMeanings = map[string]string{
	"recv CLOSE_WAIT":  "the peer sent FIN: it will send nothing more; we are in CLOSE_WAIT until we close",
	"close FIN_WAIT_1": "we sent FIN first (active close); waiting for the peer's ACK",
	"close FIN_WAIT_2": "we closed first: our FIN is acknowledged, waiting for the peer's FIN",
	"close TIME_WAIT":  "we closed first: the kernel keeps the connection in TIME_WAIT (2 MSL) to catch stray segments",
	"close LAST_ACK":   "we closed second: our FIN is out, waiting for its ACK (LAST_ACK)",
	"close CLOSED":     "the connection is gone from the kernel",
	"close CLOSING":    "both sides sent FIN at once (CLOSING)",
	"connect UDP":      "UDP connect only records the peer: no packet is sent",
	"listen LISTEN":    "the kernel will now complete handshakes",
	"bind CLOSE":       "the port is now ours",
}

// optionMeanings say what setting each socket option does.
var optionMeanings = map[string]string{
	"SO_REUSEADDR": "may bind a port whose old connections are still in TIME_WAIT",
	"SO_REUSEPORT": "several sockets may bind the same port; the kernel spreads clients among them",
	"TCP_NODELAY":  "small writes go out at once (Nagle's algorithm off)",
	"SO_KEEPALIVE": "the kernel probes an idle connection to find a vanished peer",
	"SO_LINGER":    "how close behaves with unsent data; linger 0 makes close send RST",
	"SO_RCVBUF":    "the kernel's receive buffer size (Linux doubles the value asked)",
	"SO_SNDBUF":    "the kernel's send buffer size (Linux doubles the value asked)",
}
