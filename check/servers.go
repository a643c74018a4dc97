package check

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"sync"

	"github.com/socklab/socklab/words"
)

// serverCase runs one case of a TCP server exercise on a fresh
// connection, as the course's clients connect afresh; fn returns the
// failure (nil when it passed) and the note of a pass. It reports whether
// the check can go on: not when the server could never be reached.
func (e *env) serverCase(ctx context.Context, id string, fn func(c *net.TCPConn) (*failure, string)) bool {
	if ctx.Err() != nil {
		e.block(&failure{meaning: words.T("check.canceled")})
		return false
	}
	c, f := e.dial(ctx)
	if f != nil {
		if !e.connected {
			e.block(f) // the server was never reached: the cases stop here
			return false
		}
		e.fail(id, f)
		return true
	}
	e.cases++
	onCancel(ctx, c)
	f, note := fn(c)
	e.explainSilence(ctx, f)
	if peerClosed(c) {
		// The server closed first: answer its FIN with a reset, so that
		// its side does not stay in TIME_WAIT and block its next start.
		_ = c.SetLinger(0)
	}
	_ = c.Close()
	if f != nil && f.ended && e.cmd == nil && e.cases > 1 {
		// At an address, a server that exits after one client (as the
		// course's originals do) still accepts the next connection
		// while it ends, then drops it.
		f.meaning += " " + words.T("check.maybe_one_client", pythonCmd())
	}
	e.verdict(id, f, note)
	e.endCase()
	return true
}

// explainSilence adds to f, a case where no reply came, what the
// student's program did meanwhile: it ended (and how), or it printed the
// reply instead of sending it; and its last output, where a traceback
// or those prints are.
func (e *env) explainSilence(ctx context.Context, f *failure) {
	if f == nil || !f.bytes || len(f.got) > 0 || f.output != "" || e.prog == nil {
		return
	}
	if f.ended {
		_ = e.prog.wait(ctx, grace) // a program that crashed is ending now
	}
	switch {
	case e.prog.exited() && e.prog.status() == "0":
		f.meaning += words.T("check.server_ended")
	case e.prog.exited():
		f.meaning += words.T("check.server_crashed", e.prog.status())
	case len(f.expected) > 0 && e.printed(f.expected):
		f.meaning += words.T("check.printed_not_sent", quote(f.expected))
	}
	f.output = e.programOutput()
}

// exchange sends msg in one write and reads the reply.
func (e *env) exchange(c net.Conn, msg []byte) reply {
	if _, err := c.Write(msg); err != nil {
		return reply{reset: isReset(err)}
	}
	return readReply(c, e.timeout)
}

// expect is a case that sends msg and wants exactly want back.
func (e *env) expect(msg, want []byte, rule string) func(c *net.TCPConn) (*failure, string) {
	return func(c *net.TCPConn) (*failure, string) {
		r := e.exchange(c, msg)
		if f := compare(want, r, e.timeout, rule); f != nil {
			return f, ""
		}
		return nil, words.T("check.note.reply", quote(msg), quote(want))
	}
}

// session sends each message in turn on one connection and wants each
// reply before the next message.
func (e *env) session(msgs [][]byte, reply func([]byte) []byte, rule string) func(c *net.TCPConn) (*failure, string) {
	return func(c *net.TCPConn) (*failure, string) {
		for i, m := range msgs {
			r := e.exchange(c, m)
			if f := compare(reply(m), r, e.timeout, rule); f != nil {
				if staleTail(reply(m), r.all, msgs[:i], reply) {
					f.meaning = words.T("check.diff.stale_buffer")
				}
				f.meaning = words.T("check.in_session", i+1, len(msgs), quote(m)) + " " + f.meaning
				return f, ""
			}
		}
		return nil, words.N("check.note.session", int64(len(msgs)))
	}
}

// staleTail reports whether got is want followed by the rest of an
// earlier reply, as a C server sends that passes strlen(buf) (or a length
// it kept) instead of the count recv returned: the earlier message's
// bytes are still in its buffer after the new, shorter one.
func staleTail(want, got []byte, earlier [][]byte, reply func([]byte) []byte) bool {
	for _, m := range earlier {
		p := reply(m)
		if len(p) > len(want) && bytes.Equal(got, append(append([]byte{}, want...), p[len(want):]...)) {
			return true
		}
	}
	return false
}

// clientCloses checks that the server ends the session when the client
// closes: one exchange, the client's FIN, then the server's.
func (e *env) clientCloses(msg, want []byte) func(c *net.TCPConn) (*failure, string) {
	return func(c *net.TCPConn) (*failure, string) {
		r := e.exchange(c, msg)
		if f := compare(want, r, e.timeout, words.T("check.rule.session_end")); f != nil {
			return f, ""
		}
		if r.eof || r.reset {
			// The server closed right after its reply, before the
			// client: not the session's end this exercise asks for.
			return &failure{meaning: words.T("check.closed_before_client"), rule: words.T("check.rule.session_end")}, ""
		}
		_ = c.CloseWrite()
		closed, extra := waitEOF(c, e.timeout)
		switch {
		case len(extra) > 0:
			return &failure{expected: nil, got: extra, bytes: true, meaning: words.T("check.sent_after_close"),
				rule: words.T("check.rule.session_end")}, ""
		case !closed:
			return &failure{meaning: words.T("check.kept_open", e.seconds()), rule: words.T("check.rule.session_end")}, ""
		}
		return nil, words.T("check.note.closed_after_client")
	}
}

// serverClosesFirst checks, after a reply, that the server closes the
// connection without waiting for the client.
func (e *env) serverClosesFirst(c *net.TCPConn, r reply) *failure {
	if r.eof || r.reset {
		return nil
	}
	closed, extra := waitEOF(c, e.timeout)
	switch {
	case len(extra) > 0:
		return &failure{got: extra, bytes: true, meaning: words.T("check.more_after_reply"), rule: words.T("check.rule.closes_first")}
	case !closed:
		return &failure{meaning: words.T("check.not_closed_first", e.seconds()), rule: words.T("check.rule.closes_first")}
	}
	return nil
}

func echoServer(ctx context.Context, e *env) {
	rule := words.T("check.rule.echo")
	same := func(m []byte) []byte { return m }
	_ = e.serverCase(ctx, "hello", e.expect([]byte("Hello, world"), []byte("Hello, world"), rule)) &&
		e.serverCase(ctx, "utf8", e.expect([]byte("Testando conexão"), []byte("Testando conexão"), rule)) &&
		e.serverCase(ctx, "session", e.session([][]byte{[]byte("primeira"), []byte("second message"), []byte("3")}, same, rule)) &&
		e.serverCase(ctx, "client-closes", e.clientCloses([]byte("tchau"), []byte("tchau")))
}

var fixedReply = []byte("SERVER OK - STATUS 200")

func fixedReplyServer(ctx context.Context, e *env) {
	rule := words.T("check.rule.fixed")
	fixed := func([]byte) []byte { return fixedReply }
	_ = e.serverCase(ctx, "reply", e.expect([]byte("Testando conexão"), fixedReply, rule)) &&
		e.serverCase(ctx, "session", e.session([][]byte{[]byte("um"), []byte("dois"), []byte("Hello, world")}, fixed, rule)) &&
		e.serverCase(ctx, "client-closes", e.clientCloses([]byte("x"), fixedReply))
}

// upperASCII is Python's bytes.upper: ASCII letters only.
func upperASCII(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 32
		}
		return r
	}, b)
}

// courseUpper is the course servers' reply: strip, then bytes.upper.
func courseUpper(b []byte) []byte { return upperASCII(bytes.TrimSpace(b)) }

// utf8Upper is the reply of a server that upper-cases decoded text
// (str.upper), which the checks accept as well.
func utf8Upper(b []byte) []byte { return bytes.ToUpper(bytes.TrimSpace(b)) }

func multiclientServer(ctx context.Context, e *env) {
	rule := words.T("check.rule.multiclient")
	_ = e.serverCase(ctx, "upper", func(c *net.TCPConn) (*failure, string) {
		msg := []byte("Hello, world")
		r := e.exchange(c, msg)
		if f := compare(courseUpper(msg), r, e.timeout, rule); f != nil {
			e.fail("closes-first", &failure{meaning: words.T("check.after_failed_reply")})
			return f, ""
		}
		f := e.serverClosesFirst(c, r)
		e.verdict("closes-first", f, words.T("check.note.closed_first"))
		return nil, words.T("check.note.reply", quote(msg), quote(courseUpper(msg)))
	}) &&
		e.serverCase(ctx, "strip", e.expect([]byte("  bom dia\n"), []byte("BOM DIA"), rule)) &&
		e.serverCase(ctx, "utf8", func(c *net.TCPConn) (*failure, string) {
			msg := []byte("conexão ok")
			r := e.exchange(c, msg)
			if compare(utf8Upper(msg), r, e.timeout, rule) == nil {
				return nil, words.T("check.note.reply", quote(msg), quote(r.all))
			}
			if f := compare(courseUpper(msg), r, e.timeout, rule); f != nil {
				return f, ""
			}
			return nil, words.T("check.note.reply", quote(msg), quote(r.all))
		}) &&
		e.serverCase(ctx, "many-clients", func(c *net.TCPConn) (*failure, string) {
			return e.manyClients(ctx, c, rule)
		})
}

// manyClients connects two more clients while c is connected, sends on
// all three, and wants each its own reply on its own connection.
func (e *env) manyClients(ctx context.Context, first *net.TCPConn, rule string) (*failure, string) {
	conns := []*net.TCPConn{first}
	defer func() {
		for _, c := range conns[1:] {
			if peerClosed(c) {
				_ = c.SetLinger(0) // as serverCase does
			}
			_ = c.Close()
		}
	}()
	for len(conns) < 3 {
		c, f := e.dial(ctx)
		if f != nil {
			f.meaning = words.T("check.many.connect", len(conns)+1) + " " + f.meaning
			f.rule = rule
			return f, ""
		}
		onCancel(ctx, c)
		conns = append(conns, c)
	}
	msgs := [][]byte{[]byte("cliente um"), []byte("cliente dois"), []byte("cliente tres")}
	replies := make([]reply, len(conns))
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Go(func() { replies[i] = e.exchange(c, msgs[i]) })
	}
	wg.Wait()
	var ports []string
	for i, c := range conns {
		port := c.LocalAddr().(*net.TCPAddr).Port
		ports = append(ports, fmt.Sprint(port))
		if f := compare(courseUpper(msgs[i]), replies[i], e.timeout, rule); f != nil {
			f.meaning = words.T("check.many.client", i+1, len(conns), port) + " " + f.meaning
			return f, ""
		}
	}
	return nil, words.T("check.note.many", len(conns), joinPorts(ports))
}

func joinPorts(ports []string) string {
	var b bytes.Buffer
	for i, p := range ports {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p)
	}
	return b.String()
}
