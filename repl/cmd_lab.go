package repl

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// labCommands help with the exercises across machines: ifaces.
var labCommands = []*Command{
	{
		Name:     "ifaces",
		Usage:    "ifaces",
		Examples: []string{"ifaces"},
		Run:      runIfaces,
	},
}

func runIfaces(ctx context.Context, s *Session, a *Args) error {
	ifs, err := netops.Interfaces()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, words.T("lab.ifaces_head"))
	others := false
	for _, i := range ifs {
		st := words.T("lab.down")
		if i.Up {
			st = words.T("lab.up")
		}
		if i.Loopback {
			st += " " + words.T("lab.loopback")
		} else if i.Up && len(i.Addrs) > 0 {
			others = true
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", i.Name, st, strings.Join(i.Addrs, "  "))
	}
	tw.Flush()
	s.Printf("%s", trimLines(buf.String()))
	if others {
		s.Printf("%s", words.T("ifaces.hint"))
	} else {
		s.Printf("%s", words.T("ifaces.only_loopback"))
	}
	return nil
}

// transitions are the edges of the TCP state diagram (RFC 9293), each
// with the catalog key of the event that takes it.
var transitions = []struct{ from, event, to string }{
	{"CLOSED", "states.ev.listen", "LISTEN"},
	{"CLOSED", "states.ev.connect", "SYN_SENT"},
	{"LISTEN", "states.ev.rcv_syn", "SYN_RECV"},
	{"SYN_SENT", "states.ev.rcv_synack", "ESTABLISHED"},
	{"SYN_RECV", "states.ev.rcv_ack", "ESTABLISHED"},
	{"ESTABLISHED", "states.ev.close_first", "FIN_WAIT_1"},
	{"ESTABLISHED", "states.ev.rcv_fin", "CLOSE_WAIT"},
	{"FIN_WAIT_1", "states.ev.rcv_ack_fin", "FIN_WAIT_2"},
	{"FIN_WAIT_1", "states.ev.rcv_fin", "CLOSING"},
	{"FIN_WAIT_2", "states.ev.rcv_fin", "TIME_WAIT"},
	{"CLOSING", "states.ev.rcv_ack_fin", "TIME_WAIT"},
	{"CLOSE_WAIT", "states.ev.close_second", "LAST_ACK"},
	{"LAST_ACK", "states.ev.rcv_ack_fin", "CLOSED"},
	{"TIME_WAIT", "states.ev.timeout", "CLOSED"},
	{"*", "states.ev.rst", "CLOSED"},
}

// statesText is `help states`: the diagram as its transitions, the states
// seen in this session marked with *.
func (s *Session) statesText() string {
	seen := s.seenStates()
	mark := func(st string) string {
		if seen[st] {
			return "*" + st
		}
		return " " + st
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, t := range transitions {
		from := mark(t.from)
		if t.from == "*" {
			from = " " + words.T("states.any")
		}
		fmt.Fprintf(tw, "  %s\t--> %s\t%s\t\n", from, mark(t.to), words.T(t.event))
	}
	tw.Flush()
	return words.T("states.title") + "\n" + trimLines(buf.String()) + words.T("states.legend")
}

// noteStates remembers the TCP states the session's sockets are in; it
// runs after every command, for `help states`.
func (s *Session) noteStates() {
	var l []string
	for _, sock := range s.table.List() {
		if st := sock.State(); st != "" {
			l = append(l, st)
		}
	}
	s.captures.mu.Lock()
	defer s.captures.mu.Unlock()
	if s.captures.seen == nil {
		s.captures.seen = map[string]bool{}
	}
	for _, st := range l {
		s.captures.seen[st] = true
	}
}

// seenStates returns the TCP states seen in this session: those its
// sockets were in after each command, those of the kernel's sockets on its
// ports now, and those the captured connections went through.
func (s *Session) seenStates() map[string]bool {
	seen := map[string]bool{}
	s.captures.mu.Lock()
	for st := range s.captures.seen {
		seen[st] = true
	}
	s.captures.mu.Unlock()
	if es, err := s.table.Netstat(0); err == nil {
		for _, e := range es {
			seen[e.State] = true
		}
	}
	for _, c := range s.conversations() {
		s.captures.mu.Lock()
		v := ladderOf(c)
		s.captures.mu.Unlock()
		for _, st := range v.start {
			seen[st] = true
		}
		for _, r := range v.rungs {
			for _, st := range r.states {
				seen[st] = true
			}
		}
	}
	if seen["CLOSE"] {
		seen["CLOSED"] = true // Linux's name for it
	}
	return seen
}
