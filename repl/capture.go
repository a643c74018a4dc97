package repl

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/socklab/socklab/capture"
	"github.com/socklab/socklab/words"
)

// This file runs `capture`: a reader goroutine takes packets from the
// packet socket, and a processor keeps the session's (those on a port a
// socket of the table has used or is connecting or sending to), numbers
// them through a tracker, writes the pcap file, files them for `ladder`,
// and prints a line for each. The table tells the packet socket's kernel
// filter of each new port before the first packet to it is sent.

// Bounds on what a capture holds.
const (
	ladderConns = 256 // conversations `ladder` remembers
	ladderSteps = 500 // packets it keeps of each
)

// capturing is a running capture.
type capturing struct {
	sn     *capture.Sniffer
	pcap   *capture.PcapWriter
	path   string
	all    bool
	start  time.Time
	cancel context.CancelFunc
	stop   chan struct{}      // closed to ask the loop to finish
	sync   chan chan struct{} // asks the loop to show what has passed (see settleCapture)
	catch  chan chan struct{} // asks the loop to show what the kernel holds (see catchUpCapture)
	done   chan struct{}      // closed when it has
	shown  int                // packets printed
	port   int                // the first connection's server port, for the Wireshark filter
	udp    int                // the first UDP datagram's destination port, for it when no connection was seen
	drops  uint64             // drops reported so far
	failed bool               // writing the file failed (and was said)
	full   bool               // the file reached captureFileMax (and it was said)
	fileMu sync.Mutex         // held while pcap is used: abandonCapture may close it from another goroutine
	closed bool               // pcap is closed
}

// captureState is the session's capture: the running one, if any, and the
// conversations seen, kept for `ladder` after the capture and the sockets end.
type captureState struct {
	mu      sync.Mutex
	run     *capturing
	stopped *capturing // the capture being stopped, until it has (see abandonCapture)
	convs   map[capture.Conn]*conversation
	order   []capture.Conn  // oldest first
	seen    map[string]bool // TCP states the session's sockets were seen in (help states)
}

// conversation is what `ladder` draws: the packets of one connection.
type conversation struct {
	conn    capture.Conn
	ids     map[netip.AddrPort]int  // socket id of each endpoint, when the session's
	exact   map[netip.AddrPort]bool // the id is a connection's own, not its listener's
	steps   []capture.Seen
	dropped int // packets past ladderSteps
	last    time.Time
}

// startCapture opens the packet socket and starts reading.
func (s *Session) startCapture(path string, all bool) error {
	st := &s.captures
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.run != nil {
		return errors.New(words.T("capture.already", st.run.describe()))
	}
	start := time.Now() // before Open: no packet is stamped earlier
	sn, err := capture.Open(capture.Config{All: all, Ports: s.table.Ports()})
	if err != nil {
		return captureError(err)
	}
	c := &capturing{sn: sn, all: all, start: start, stop: make(chan struct{}), sync: make(chan chan struct{}), catch: make(chan chan struct{}), done: make(chan struct{}), path: path}
	if path != "" {
		f, err := openCaptureFile(path)
		if err == nil {
			if c.pcap, err = capture.NewPcapWriter(f, captureFileMax); err != nil {
				f.Close()
			}
		}
		if err != nil {
			sn.Close()
			return captureFileOpenError(path, err)
		}
	}
	if !all {
		s.table.WatchPorts(func(ports []int) { sn.SetPorts(ports) })
		sn.SetPorts(s.table.Ports()) // those added since Open
	}
	ctx, cancel := context.WithCancel(s.bgCtx)
	c.cancel = cancel
	st.run = c
	go s.captureLoop(ctx, c)
	return nil
}

// stopCapture ends the running capture, if any, and returns it.
func (s *Session) stopCapture() *capturing {
	st := &s.captures
	st.mu.Lock()
	c := st.run
	st.run, st.stopped = nil, c
	st.mu.Unlock()
	if c == nil {
		return nil
	}
	s.table.WatchPorts(nil)
	close(c.stop)
	<-c.done
	c.cancel()
	st.mu.Lock()
	st.stopped = nil
	st.mu.Unlock()
	return c
}

// catchUpMax bounds how long a command's end waits for its packets.
const catchUpMax = 250 * time.Millisecond

// settleCapture waits until the running capture, if any, has shown the
// packets that passed so far: until none has come for settleQuiet (at most
// settleMax), as `ladder` needs right after a close.
func (s *Session) settleCapture() { s.waitCapture(false) }

// catchUpCapture waits until the running capture, if any, has shown every
// packet the kernel queued for it so far: those of the command that just
// ended (on loopback a packet is queued before the call that sent it
// returns), so that they come before the next command's output, in a -c
// line or a script as at the prompt. At most catchUpMax.
func (s *Session) catchUpCapture() { s.waitCapture(true) }

// waitCapture asks the running capture, if any, to settle or (catchUp) to
// catch up, and waits until it says it has, or its bound passes.
func (s *Session) waitCapture(catchUp bool) {
	s.captures.mu.Lock()
	c := s.captures.run
	s.captures.mu.Unlock()
	if c == nil {
		return
	}
	ask, bound := c.sync, 2*settleMax
	if catchUp {
		ask, bound = c.catch, catchUpMax
	}
	ack := make(chan struct{})
	select {
	case ask <- ack:
		select {
		case <-ack:
		case <-time.After(bound):
		}
	case <-c.done:
	}
}

// describe says what a capture does: "on", or "to FILE".
func (c *capturing) describe() string {
	if c.path != "" {
		return words.T("capture.to_file", c.path)
	}
	return words.T("capture.live")
}

// captureError words a failure to open the packet socket.
func captureError(err error) error {
	switch {
	case errors.Is(err, capture.ErrNeedLinux):
		hint := words.T("capture.hint_other_os")
		if runtime.GOOS == "windows" {
			hint = words.T("capture.hint_wsl")
		}
		return withHint(errors.New(words.T("capture.need_linux")), hint)
	case errors.Is(err, os.ErrPermission):
		return withHint(errors.New(words.T("capture.no_permission")),
			words.T("capture.hint_lab"), words.T("capture.hint_sudo"), words.T("capture.hint_setcap"))
	}
	return fmt.Errorf("capture: %w", err)
}

// Asked to stop, the loop goes on until no packet has come for
// settleQuiet (at most settleMax), so that the last packets of a close
// that just happened are shown.
const (
	settleQuiet = 100 * time.Millisecond
	settleMax   = time.Second
)

// captureLoop is the processor; it ends when ctx does, when the socket
// fails, or when asked to stop and the packets have settled.
func (s *Session) captureLoop(ctx context.Context, c *capturing) {
	defer close(c.done)
	stopReq := c.stop
	stopping := false
	var waiters []chan struct{}
	var settle <-chan time.Time
	var settleEnd time.Time
	startSettle := func() {
		if settle == nil {
			settleEnd = time.Now().Add(settleMax)
			settle = time.After(settleQuiet)
		}
	}
	pkts := make(chan capture.Packet, 256) // each up to 64 KiB on loopback
	go func() {
		defer close(pkts)
		for {
			p, err := c.sn.Next()
			if err != nil {
				return
			}
			select {
			case pkts <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	var handled uint64           // packets taken from pkts
	var catching []chan struct{} // catchUpCapture's waiters
	caughtUp := func() {
		if n, empty := c.sn.Caught(); len(catching) > 0 && empty && n == handled {
			for _, w := range catching {
				close(w)
			}
			catching = nil
		}
	}
	tr := capture.NewTracker()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	gen := s.table.PortsGen()
	ports := portSet(s.table.Ports())
	for {
		select {
		case p, ok := <-pkts:
			if !ok {
				s.finishCapture(c)
				return
			}
			if settle != nil && time.Now().Before(settleEnd) { // not quiet yet
				settle = time.After(settleQuiet)
			}
			if g := s.table.PortsGen(); g != gen {
				gen, ports = g, portSet(s.table.Ports())
			}
			// The kernel filter keeps the session's ports, but all TCP and
			// UDP past capture.MaxFilterPorts of them.
			if c.all || matches(ports, &p) {
				s.capturePacket(c, tr, p)
			}
			handled++
			caughtUp()
		case <-tick.C:
			s.reportDrops(c)
			s.flushCaptureFile(c)
		case <-stopReq:
			stopReq, stopping = nil, true
			startSettle()
		case w := <-c.sync:
			waiters = append(waiters, w)
			startSettle()
		case w := <-c.catch:
			catching = append(catching, w)
			caughtUp()
		case <-settle:
			settle = nil
			for _, w := range waiters {
				close(w)
			}
			waiters = nil
			if stopping {
				s.finishCapture(c)
				return
			}
		case <-ctx.Done():
			s.finishCapture(c)
			return
		}
	}
}

// finishCapture closes the pcap file and says what was seen and dropped.
func (s *Session) finishCapture(c *capturing) {
	s.reportDrops(c)
	c.sn.Close()
	s.closeCaptureFile(c)
}

// reportDrops says how many packets the kernel dropped since the last
// report because socklab did not read them fast enough.
func (s *Session) reportDrops(c *capturing) {
	if _, dropped := c.sn.Stats(); dropped > c.drops {
		s.Printf("%s", words.N("capture.dropped", int64(dropped-c.drops)))
		c.drops = dropped
	}
}

func portSet(l []int) map[uint16]bool {
	m := make(map[uint16]bool, len(l))
	for _, p := range l {
		m[uint16(p)] = true
	}
	return m
}

// matches reports whether p is TCP or UDP on one of ports.
func matches(ports map[uint16]bool, p *capture.Packet) bool {
	return (p.Proto == "tcp" || p.Proto == "udp") && (ports[p.Src.Port()] || ports[p.Dst.Port()])
}

// capturePacket files one of the session's packets and prints it.
func (s *Session) capturePacket(c *capturing, tr *capture.Tracker, p capture.Packet) {
	seen := tr.Add(p)
	s.writeCaptureFile(c, &p)
	conv := s.fileStep(seen)
	c.shown++
	switch {
	case c.port == 0 && seen.Proto == "tcp" && seen.Flags&(capture.SYN|capture.ACK) == capture.SYN:
		c.port = int(seen.Dst.Port())
	case c.udp == 0 && seen.Proto == "udp" && !seen.NoPorts:
		c.udp = int(seen.Dst.Port())
	}
	s.Printf("%s", s.packetLine(c, conv, &seen))
	if s.teach().explain.Load() {
		if e := explainPacket(conv, &seen); e != "" {
			s.Printf("    %s", e)
		}
	}
}

// fileStep adds a packet to its conversation, resolving the socket ids of
// its endpoints, and returns the conversation.
func (s *Session) fileStep(seen capture.Seen) *conversation {
	st := &s.captures
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.convs == nil {
		st.convs = map[capture.Conn]*conversation{}
	}
	conv := st.convs[seen.Conn]
	restart := conv != nil && seen.Flags&(capture.SYN|capture.ACK) == capture.SYN && len(conv.steps) > 0 &&
		!conv.steps[len(conv.steps)-1].Flags.Has(capture.SYN)
	if conv == nil || restart {
		if conv == nil && len(st.order) >= ladderConns {
			delete(st.convs, st.order[0])
			st.order = st.order[1:]
		}
		if conv == nil {
			st.order = append(st.order, seen.Conn)
		}
		conv = &conversation{conn: seen.Conn, ids: map[netip.AddrPort]int{}, exact: map[netip.AddrPort]bool{}}
		st.convs[seen.Conn] = conv
	}
	s.resolve(conv)
	conv.last = seen.Time
	if len(conv.steps) < ladderSteps {
		// Keep what the ladder and explain read, not the packet's bytes:
		// ladderConns × ladderSteps whole packets could be gigabytes.
		seen.Raw = nil
		seen.Payload = slices.Clone(seen.Payload[:min(len(seen.Payload), previewMax)])
		conv.steps = append(conv.steps, seen)
	} else {
		conv.dropped++
	}
	return conv
}

// resolve names the socket at each end of conv, until it is a
// connection's own; st.mu must be held. A connect's handshake passes before
// its socket is filed, so the names are looked up again later.
func (s *Session) resolve(conv *conversation) {
	a, b := conv.conn.A, conv.conn.B
	for _, ep := range [2][2]netip.AddrPort{{a, b}, {b, a}} {
		if !conv.exact[ep[0]] {
			conv.ids[ep[0]], conv.exact[ep[0]] = s.table.EndID(ep[0], ep[1])
		}
	}
}

// conversations returns the conversations seen, oldest first.
func (s *Session) conversations() []*conversation {
	st := &s.captures
	st.mu.Lock()
	defer st.mu.Unlock()
	l := make([]*conversation, 0, len(st.order))
	for _, k := range st.order {
		l = append(l, st.convs[k])
	}
	return slices.Clip(l)
}
