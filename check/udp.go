package check

import (
	"bytes"
	"context"
	"errors"
	"net"
	"syscall"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// datagram is one datagram received and its sender.
type datagram struct {
	data []byte
	from *net.UDPAddr
}

// maxDatagrams bounds how many datagrams a case keeps.
const maxDatagrams = 64

// readDatagrams reads the datagrams that arrive on pc: the first within
// wait, then any that follow within the grace period.
func readDatagrams(pc *net.UDPConn, wait time.Duration) []datagram {
	var got []datagram
	buf := make([]byte, 65536)
	_ = pc.SetReadDeadline(time.Now().Add(wait))
	for len(got) < maxDatagrams {
		n, from, err := pc.ReadFromUDP(buf)
		if err != nil {
			if isTimeout(err) || errors.Is(err, net.ErrClosed) {
				return got
			}
			continue // an ICMP error reported on the socket: not a datagram
		}
		got = append(got, datagram{append([]byte{}, buf[:n]...), from})
		_ = pc.SetReadDeadline(time.Now().Add(grace))
	}
	return got
}

// compareDatagram wants exactly one datagram holding want (or, when alt
// is not nil, alt).
func compareDatagram(want, alt []byte, got []datagram, wait time.Duration, rule string) *failure {
	if len(got) == 0 {
		return &failure{expected: want, bytes: true, meaning: words.T("check.diff.no_datagram", wait.String()), rule: rule}
	}
	d := got[0].data
	if alt != nil && bytes.Equal(d, alt) {
		d = want
	}
	f := compare(want, reply{first: d, all: d, pieces: 1}, wait, rule)
	if f == nil && len(got) > 1 {
		f = &failure{expected: want, got: got[1].data, bytes: true, meaning: words.T("check.diff.datagrams", len(got)), rule: rule}
	}
	return f
}

// udpRunning makes sure a student's UDP server runs: with a command, it
// starts the program when needed and waits until a datagram sent to it
// gets an answer, from any address (the cases check that), on a socket
// of its own.
func (e *env) udpRunning(ctx context.Context, to *net.UDPAddr) *failure {
	if e.cmd == nil {
		return e.udpBound(to)
	}
	if e.prog != nil && !e.prog.exited() {
		return nil
	}
	if f := e.running(); f != nil {
		return f
	}
	probe, err := newUDPClient(to)
	if err != nil {
		return &failure{meaning: words.T("check.connect_failed", e.addr, say.Error(err))}
	}
	defer probe.Close()
	onCancel(ctx, probe)
	deadline := time.Now().Add(e.startWait())
	buf := make([]byte, 65536)
	for time.Now().Before(deadline) {
		_, _ = probe.WriteToUDP([]byte("probe\n"), to)
		_ = probe.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		if _, _, err := probe.ReadFromUDP(buf); err == nil {
			readDatagrams(probe, grace) // what else the probe was sent
			e.connected = true
			return nil
		}
		if e.prog.exited() {
			return e.exitedFailure("check.exited_before_listening")
		}
		if ctx.Err() != nil {
			return &failure{meaning: words.T("check.canceled")}
		}
	}
	f := &failure{meaning: words.T("check.udp_never_answered", e.addr, e.startWait().String()), output: e.programOutput()}
	if probeReply := courseUpper([]byte("probe\n")); e.printed(probeReply) {
		f.meaning += words.T("check.printed_not_sent", quote(probeReply))
	}
	return f
}

// udpBound checks once, for a server already running, that something is
// bound to the address: a datagram sent from a connected socket to a port
// nobody has bound gets the system's "port unreachable", which that
// socket reports as a refusal.
func (e *env) udpBound(to *net.UDPAddr) *failure {
	if e.connected {
		return nil
	}
	e.connected = true
	c, err := net.DialUDP("udp", nil, to)
	if err != nil {
		return &failure{meaning: words.T("check.connect_failed", e.addr, say.Error(err))}
	}
	defer c.Close()
	_, _ = c.Write([]byte("probe\n"))
	_ = c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if _, err := c.Read(make([]byte, 1)); errors.Is(netops.Portable(err), syscall.ECONNREFUSED) {
		return &failure{meaning: words.T("check.udp_refused", e.addr, pythonCmd())}
	}
	return nil
}

// udpCase runs one case of the UDP server exercise from a fresh socket.
func (e *env) udpCase(ctx context.Context, id string, fn func(pc *net.UDPConn, to *net.UDPAddr) (*failure, string)) bool {
	if ctx.Err() != nil {
		e.block(&failure{meaning: words.T("check.canceled")})
		return false
	}
	to, err := net.ResolveUDPAddr("udp", e.addr)
	if err != nil {
		e.block(&failure{meaning: words.T("check.connect_failed", e.addr, say.Error(err))})
		return false
	}
	if f := e.udpRunning(ctx, to); f != nil {
		e.block(f)
		return false
	}
	pc, err := newUDPClient(to)
	if err != nil {
		e.block(&failure{meaning: words.T("check.connect_failed", e.addr, say.Error(err))})
		return false
	}
	defer pc.Close()
	onCancel(ctx, pc)
	f, note := fn(pc, to)
	e.explainSilence(ctx, f)
	e.verdict(id, f, note)
	if f != nil {
		// A UDP server has no connection to end: it is started again only
		// after a failure, which may have left it in a bad state.
		e.endCase()
	}
	return true
}

// newUDPClient makes an unconnected UDP socket, as the course's client
// does, on the loopback or wildcard address of to's family.
func newUDPClient(to *net.UDPAddr) (*net.UDPConn, error) {
	if to.IP.To4() != nil {
		return net.ListenUDP("udp4", &net.UDPAddr{})
	}
	return net.ListenUDP("udp", &net.UDPAddr{})
}

// udpExchange sends msg to to and reads the replies.
func (e *env) udpExchange(pc *net.UDPConn, to *net.UDPAddr, msg []byte) []datagram {
	if _, err := pc.WriteToUDP(msg, to); err != nil {
		return nil
	}
	return readDatagrams(pc, e.timeout)
}

// udpExpect sends msg and wants one datagram with the course's reply
// (or, for text with non-ASCII letters, the Unicode upper-casing).
func (e *env) udpExpect(msg []byte) func(pc *net.UDPConn, to *net.UDPAddr) (*failure, string) {
	return func(pc *net.UDPConn, to *net.UDPAddr) (*failure, string) {
		want, alt := courseUpper(msg), utf8Upper(msg)
		if bytes.Equal(alt, want) {
			alt = nil
		}
		got := e.udpExchange(pc, to, msg)
		if f := compareDatagram(want, alt, got, e.timeout, words.T("check.rule.udp_reply")); f != nil {
			return f, ""
		}
		return nil, words.T("check.note.reply", quote(msg), quote(got[0].data))
	}
}

func udpServer(ctx context.Context, e *env) {
	_ = e.udpCase(ctx, "upper", e.udpExpect([]byte("hello\n"))) &&
		e.udpCase(ctx, "own-port", func(pc *net.UDPConn, to *net.UDPAddr) (*failure, string) {
			got := e.udpExchange(pc, to, []byte("porta\n"))
			if len(got) == 0 {
				return &failure{meaning: words.T("check.diff.no_datagram", e.seconds())}, ""
			}
			from := got[0].from
			if from.Port != to.Port || (!to.IP.IsUnspecified() && !from.IP.Equal(to.IP)) {
				return &failure{meaning: words.T("check.udp_other_port", from.String(), to.String()),
					rule: words.T("check.rule.udp_port")}, ""
			}
			return nil, words.T("check.note.udp_port", from.String())
		}) &&
		e.udpCase(ctx, "empty-line", e.udpExpect([]byte("\n"))) &&
		e.udpCase(ctx, "utf8", e.udpExpect([]byte("ação\n"))) &&
		e.udpCase(ctx, "several", func(pc *net.UDPConn, to *net.UDPAddr) (*failure, string) {
			msgs := [][]byte{[]byte("um\n"), []byte("dois\n"), []byte("tres\n")}
			for i, m := range msgs {
				got := e.udpExchange(pc, to, m)
				if f := compareDatagram(courseUpper(m), nil, got, e.timeout, words.T("check.rule.udp_reply")); f != nil {
					f.meaning = words.T("check.in_session", i+1, len(msgs), quote(m)) + " " + f.meaning
					return f, ""
				}
			}
			return nil, words.N("check.note.datagrams", int64(len(msgs)))
		}) &&
		e.udpCase(ctx, "two-clients", func(pc *net.UDPConn, to *net.UDPAddr) (*failure, string) {
			other, err := newUDPClient(to)
			if err != nil {
				return &failure{meaning: words.T("check.connect_failed", e.addr, say.Error(err))}, ""
			}
			defer other.Close()
			onCancel(ctx, other)
			a, b := []byte("cliente a\n"), []byte("cliente b\n")
			_, _ = pc.WriteToUDP(a, to)
			gotB := e.udpExchange(other, to, b)
			gotA := readDatagrams(pc, e.timeout)
			rule := words.T("check.rule.udp_clients")
			if f := compareDatagram(courseUpper(a), nil, gotA, e.timeout, rule); f != nil {
				return f, ""
			}
			if f := compareDatagram(courseUpper(b), nil, gotB, e.timeout, rule); f != nil {
				return f, ""
			}
			return nil, words.T("check.note.udp_clients", pc.LocalAddr().(*net.UDPAddr).Port, other.LocalAddr().(*net.UDPAddr).Port)
		})
}
