package repl

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// teachState is a session's teaching-layer state. It lives beside the
// Session.
type teachState struct {
	explain atomic.Bool
	mu      sync.Mutex
	rec     *recorder // the open record, nil when not recording
}

// teach returns s's teaching-layer state.
func (s *Session) teach() *teachState {
	return &s.teaching
}

// setExplain turns the narration of socket calls on or off: on, the
// table's trace prints each call through the session's printer.
func (s *Session) setExplain(on bool) {
	s.teach().explain.Store(on)
	if !on {
		s.table.SetTrace(nil)
		return
	}
	s.table.SetTrace(&netops.Trace{Call: func(c netops.Call) { s.Printf("%s", formatCall(c)) }})
}

// formatCall renders one call as explain shows it: the call as C writes
// it, what it means, and the kernel's state after it, e.g.
//
//	bind(fd 5, 0.0.0.0:8888)                  the port is now ours
//	listen(fd 5, backlog 128)                 the kernel will now complete handshakes  [LISTEN]
func formatCall(c netops.Call) string {
	m := say.Call(c)
	quiet := c.State == "CLOSE" && c.Err == nil && (c.Name == "socket" || c.Name == "bind" || c.Name == "setsockopt")
	if c.State != "" && !quiet && !strings.Contains(m, c.State) {
		m = strings.TrimSpace(m + "  [" + c.State + "]")
	}
	return strings.TrimRight(fmt.Sprintf("  %-44s %s", say.CallLine(c), m), " ")
}

// eofText is what recv says when the peer has finished sending: that it
// sent FIN, and that this socket now waits in CLOSE_WAIT until it closes.
func eofText(sock *netops.Socket) string {
	if sock.WasReset() {
		return words.T("limits.eof_after_reset", sock.ID)
	}
	st := sock.State()
	if sock.ReadShut() && st != "CLOSE_WAIT" && st != "CLOSE" && st != "LAST_ACK" { // no FIN came: the end is this side's own
		return words.T("teach.eof_read_shut")
	}
	if sock.Proto == "unix" { // no FIN, and no TCP state
		return words.T("unix.eof")
	}
	switch st {
	case "CLOSE_WAIT":
		return words.T("teach.fin_close_wait", sock.ID)
	case "CLOSE":
		return words.T("teach.fin_both_done", sock.ID)
	case "":
		return words.T("teach.fin")
	}
	return words.T("teach.fin_state", st)
}
