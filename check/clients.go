package check

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// pyInner is what Python's repr of bytes shows between the quotes (a
// course client that prints repr(data) shows b'...').
func pyInner(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		switch {
		case c == '\\' || c == '\'':
			s.WriteByte('\\')
			s.WriteByte(c)
		case c == '\n':
			s.WriteString(`\n`)
		case c == '\r':
			s.WriteString(`\r`)
		case c == '\t':
			s.WriteString(`\t`)
		case c < ' ' || c >= 0x7f:
			fmt.Fprintf(&s, `\x%02x`, c)
		default:
			s.WriteByte(c)
		}
	}
	return s.String()
}

// printed reports whether the program's output shows b, as text or as
// Python's repr of the bytes.
func (e *env) printed(b []byte) bool {
	out := e.prog.stdout.String()
	return strings.Contains(out, string(b)) || strings.Contains(out, pyInner(b))
}

// printedAll is the "prints" case: after the exchanges, the program ends
// (within the timeout) having printed every reply.
func (e *env) printedAll(ctx context.Context, id string, replies [][]byte, mustExit bool) {
	exited := e.prog.wait(ctx, e.timeout)
	for _, r := range replies {
		if !e.printed(r) {
			e.fail(id, &failure{meaning: words.T("check.client.not_printed", quote(r)),
				rule: words.T("check.rule.client_prints"), output: e.programOutput()})
			return
		}
	}
	if mustExit && !exited {
		e.fail(id, &failure{meaning: words.T("check.client.still_running", e.seconds()), rule: words.T("check.rule.client_prints")})
		return
	}
	e.pass(id, words.N("check.note.printed", int64(len(replies))))
}

// clientStart listens at the address, starts the student's client with
// stdin and waits for it to connect; the "connects" case is the verdict.
func (e *env) clientStart(ctx context.Context, stdin []byte) (*net.TCPListener, *net.TCPConn, bool) {
	ln, f := e.listenTCP()
	if f != nil {
		e.block(f)
		return nil, nil, false
	}
	if f := e.start(stdin); f != nil {
		_ = ln.Close()
		e.block(f)
		return nil, nil, false
	}
	c, f := e.acceptFrom(ctx, ln, e.startWait())
	if f != nil {
		_ = ln.Close()
		e.block(f)
		return nil, nil, false
	}
	onCancel(ctx, c)
	e.pass("connects", words.T("check.note.connected", c.RemoteAddr().String()))
	return ln, c, true
}

// clientMessage checks a client's message: something, in one write, with
// no newline added; want is the exact text when the exercise fixes it.
func clientMessage(r reply, want []byte, e *env, rule string) *failure {
	f := messageFailure(r, want, e, rule)
	if f == nil || len(r.all) == 0 {
		return f
	}
	sent := bytes.TrimRight(r.all, "\r\n")
	switch {
	case (want == nil || bytes.Equal(sent, want)) && len(sent) < len(r.all):
		f.meaning = words.T("check.diff.newline_sent", strconv.Quote(string(r.all[len(sent):])))
	case want != nil && len(r.all) > len(want) && bytes.HasPrefix(r.all, want):
		// More than the message before socklab answered: a newline
		// after it, and the next lines sent without waiting for the
		// reply. "bytes after the reply" would be the server's words.
		rest := r.all[len(want):]
		nl := rest[:len(rest)-len(bytes.TrimLeft(rest, "\r\n"))]
		f.meaning = words.T("check.diff.extra_sent", len(rest))
		if len(nl) > 0 {
			f.meaning = words.T("check.diff.newline_sent", strconv.Quote(string(nl))) + "; " + f.meaning
		}
	case r.pieces > 1 && (want == nil || bytes.Equal(r.all, want)):
		f.meaning = words.T("check.diff.pieces_sent", r.pieces, quote(r.first))
	}
	return f
}

func messageFailure(r reply, want []byte, e *env, rule string) *failure {
	switch {
	case len(r.all) == 0 && (r.eof || r.reset):
		return &failure{expected: want, bytes: want != nil, meaning: words.T("check.client.closed_silent"), rule: rule}
	case len(r.all) == 0:
		return &failure{expected: want, bytes: want != nil, meaning: words.T("check.client.nothing_sent", e.seconds()), rule: rule}
	case want != nil:
		return compare(want, r, e.timeout, rule)
	case bytes.HasSuffix(r.all, []byte("\n")):
		trimmed := bytes.TrimRight(r.all, "\r\n")
		return compare(trimmed, r, e.timeout, rule)
	case r.pieces > 1:
		return &failure{got: r.all, bytes: true, rule: rule} // clientMessage says why
	}
	return nil
}

func echoClient(ctx context.Context, e *env) {
	ln, c, ok := e.clientStart(ctx, nil)
	if !ok {
		return
	}
	defer ln.Close()
	defer c.Close()
	r := readReply(c, e.timeout)
	f := clientMessage(r, nil, e, words.T("check.rule.client_message"))
	e.verdict("message", f, words.T("check.note.sent", quote(r.all)))
	if len(r.all) == 0 {
		return
	}
	closedEarly := r.eof || r.reset
	_, _ = c.Write(r.all) // the course's echo server: the same bytes, one write
	closed, _ := waitEOF(c, e.timeout)
	switch {
	case closedEarly:
		e.fail("reads-then-closes", &failure{meaning: words.T("check.client.closed_before_reply"), rule: words.T("check.rule.client_reads")})
	case !closed:
		e.fail("reads-then-closes", &failure{meaning: words.T("check.client.kept_open", e.seconds()), rule: words.T("check.rule.client_reads")})
	default:
		e.pass("reads-then-closes", words.T("check.note.client_closed"))
	}
	e.printedAll(ctx, "prints", [][]byte{r.all}, true)
}

func chatClient(ctx context.Context, e *env) {
	lines := [][]byte{[]byte("olá, servidor"), []byte("segunda linha"), []byte("Ação!")}
	stdin := append(bytes.Join(lines, []byte("\n")), []byte("\nsair\n")...)
	ln, c, ok := e.clientStart(ctx, stdin)
	if !ok {
		return
	}
	defer ln.Close()
	defer c.Close()
	rule := words.T("check.rule.chat")
	for i, line := range lines {
		r := readReply(c, e.timeout)
		if f := clientMessage(r, line, e, rule); f != nil {
			f.meaning = words.T("check.client.line", i+1, quote(line)) + " " + f.meaning
			if i == 0 {
				e.fail("first-line", f)
			}
			e.fail("each-line", f)
			e.block(&failure{meaning: words.T("check.after_failed_line")})
			return
		}
		if i == 0 {
			e.pass("first-line", words.T("check.note.sent", quote(line)))
		}
		if _, err := c.Write(r.all); err != nil {
			e.fail("each-line", &failure{meaning: words.T("check.client.closed_before_reply"), rule: rule})
			return
		}
	}
	e.pass("each-line", words.N("check.note.lines", int64(len(lines))))
	closed, extra := waitEOF(c, e.timeout)
	switch {
	case len(extra) > 0:
		e.fail("sair", &failure{expected: nil, got: extra, bytes: true, meaning: words.T("check.client.sent_sair"), rule: rule})
	case !closed:
		e.fail("sair", &failure{meaning: words.T("check.client.kept_open_sair", e.seconds()), rule: rule})
	default:
		e.pass("sair", words.T("check.note.sair"))
	}
	e.printedAll(ctx, "prints", lines, true)
}

func udpClient(ctx context.Context, e *env) {
	lines := [][]byte{[]byte("hello"), []byte("ação"), []byte("bom dia")}
	stdin := append(bytes.Join(lines, []byte("\n")), '\n')
	pc, err := net.ListenPacket("udp", e.addr)
	if err != nil {
		e.block(&failure{meaning: words.T("check.cannot_listen", e.addr, say.Error(err))})
		return
	}
	defer pc.Close()
	onCancel(ctx, pc)
	if f := e.start(stdin); f != nil {
		e.block(f)
		return
	}
	udp := pc.(*net.UDPConn)
	rule := words.T("check.rule.udp_client")
	var replies [][]byte
	for i, line := range lines {
		want := append(append([]byte{}, line...), '\n')
		wait := e.timeout
		if i == 0 {
			wait = e.startWait() // the program is starting
		}
		got := readDatagrams(udp, wait)
		if len(got) == 0 {
			f := &failure{expected: want, bytes: true, meaning: words.T("check.diff.no_datagram", e.seconds()), rule: rule, output: e.programOutput()}
			if e.prog.exited() {
				f.meaning = words.T("check.client.exited", e.prog.status()) + " " + f.meaning
			}
			f.meaning = words.T("check.client.line", i+1, quote(line)) + " " + f.meaning
			e.fail([]string{"datagram", "lines"}[min(i, 1)], f)
			e.block(&failure{meaning: words.T("check.after_failed_line")})
			return
		}
		if f := compareDatagram(want, nil, got, e.timeout, rule); f != nil {
			if bytes.Equal(bytes.TrimRight(got[0].data, "\r\n"), line) && !bytes.HasSuffix(got[0].data, []byte("\n")) {
				f.meaning = words.T("check.diff.no_newline_sent")
			}
			f.meaning = words.T("check.client.line", i+1, quote(line)) + " " + f.meaning
			e.fail([]string{"datagram", "lines"}[min(i, 1)], f)
			e.block(&failure{meaning: words.T("check.after_failed_line")})
			return
		}
		if i == 0 {
			e.pass("datagram", words.T("check.note.sent", quote(want)))
		}
		reply := courseUpper(got[0].data)
		replies = append(replies, reply)
		_, _ = udp.WriteTo(reply, got[0].from)
	}
	e.pass("lines", words.N("check.note.lines", int64(len(lines))))
	e.printedAll(ctx, "prints", replies, false)
}
