package repl

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/socklab/socklab/words"
)

// captureCommands show the packets: capture and ladder.
var captureCommands = []*Command{
	{
		Name:     "capture",
		Usage:    "capture [on|off|FILE.pcap] [--all]",
		Examples: []string{"capture on", "capture lab.pcap", "capture on --all", "capture off"},
		Flags:    []Flag{{Name: "all"}},
		MaxArgs:  1,
		Complete: func(*Session, []string, string) []string { return []string{"on", "off"} },
		Run:      runCapture,
	},
	{
		Name:     "ladder",
		Usage:    "ladder [ID]",
		Examples: []string{"ladder", "ladder 2"},
		MaxArgs:  1,
		Run:      runLadder,
	},
}

func runCapture(ctx context.Context, s *Session, a *Args) error {
	arg := "on"
	if len(a.Words) == 1 {
		arg = a.Words[0]
	} else if !a.Has("all") {
		s.captures.mu.Lock()
		c := s.captures.run
		s.captures.mu.Unlock()
		if c == nil {
			s.Printf("%s", words.T("capture.is_off"))
		} else {
			s.Printf("%s", words.T("capture.is_on", c.describe()))
		}
		return nil
	}
	switch {
	case arg == "off":
		c := s.stopCapture()
		if c == nil {
			s.Printf("%s", words.T("capture.is_off"))
			return nil
		}
		s.Printf("%s", words.N("capture.off", int64(c.shown)))
		switch {
		case c.failed:
			s.Printf("%s", words.N("capture.written_partly", int64(c.pcap.Kept()), c.path))
		case c.path != "" && c.port > 0:
			s.Printf("%s", words.T("capture.written_port", c.path, c.port))
		case c.path != "" && c.udp > 0:
			s.Printf("%s", words.T("capture.written_udp", c.path, c.udp))
		case c.path != "":
			s.Printf("%s", words.T("capture.written", c.path))
		}
		return nil
	case arg == "on":
		arg = ""
	case !strings.HasSuffix(strings.ToLower(arg), ".pcap"):
		return usageError(a.Command, "%s", words.T("capture.bad_arg", arg))
	}
	if err := s.startCapture(arg, a.Has("all")); err != nil {
		return err
	}
	switch {
	case a.Has("all"):
		s.Printf("%s", words.T("capture.started_all"))
	default:
		s.Printf("%s", words.T("capture.started"))
	}
	if arg != "" {
		s.Printf("%s", words.T("capture.writing", arg))
	}
	return nil
}

func runLadder(ctx context.Context, s *Session, a *Args) error {
	id := 0
	if len(a.Words) == 1 {
		n, err := strconv.Atoi(strings.Trim(a.Words[0], "[]"))
		if err != nil || n <= 0 {
			return usageError(a.Command, "%s", words.T("ladder.bad_id", a.Words[0]))
		}
		id = n
	} else if cur := s.Current(); cur != nil {
		id = cur.ID
	}
	s.settleCapture()
	conv := s.findConversation(id)
	if conv == nil {
		if id > 0 {
			return withHint(errors.New(words.T("ladder.none_for", id)), words.T("ladder.hint"))
		}
		return withHint(errors.New(words.T("ladder.none")), words.T("ladder.hint"))
	}
	s.captures.mu.Lock()
	v := ladderOf(conv)
	s.captures.mu.Unlock()
	g := asciiGlyphs
	if s.cfg.terminal {
		g = unicodeGlyphs
	}
	s.Printf("%s", drawLadder(v, g))
	s.recordBlock("mermaid", mermaidLadder(v))
	return nil
}

// findConversation returns the newest conversation socket id took part
// in, or with id 0 the newest TCP conversation; nil when none.
func (s *Session) findConversation(id int) *conversation {
	l := s.conversations()
	s.captures.mu.Lock()
	defer s.captures.mu.Unlock()
	var best *conversation
	for _, c := range l {
		s.resolve(c)
		if id == 0 && c.conn.Proto != "tcp" {
			continue
		}
		in := id == 0
		for _, v := range c.ids {
			in = in || v == id
		}
		if in && (best == nil || !c.last.Before(best.last)) {
			best = c
		}
	}
	return best
}
