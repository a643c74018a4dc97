package check

import (
	"context"
	"io"
	"net"
	"regexp"
	"strconv"
	"time"

	"github.com/socklab/socklab/words"
)

// asciiNumber matches a number sent as text, perhaps with a newline.
var asciiNumber = regexp.MustCompile(`^[0-9]+\s*$`)

// printedNumber finds the numbers a client printed.
var printedNumber = regexp.MustCompile(`[0-9]+`)

func numberClient(ctx context.Context, e *env) {
	ln, c, ok := e.clientStart(ctx, nil)
	if !ok {
		return
	}
	defer ln.Close()
	defer c.Close()
	r := readReply(c, e.timeout)
	msg := r.all
	rule := words.T("check.rule.number_client")
	switch {
	case len(msg) == 0:
		e.fail("width", &failure{meaning: words.T("check.client.nothing_sent", e.seconds()), rule: rule})
		e.block(&failure{meaning: words.T("check.number.nothing")})
		return
	case asciiNumber.Match(msg):
		e.fail("width", &failure{got: msg, bytes: true, meaning: words.T("check.number.ascii"), rule: rule})
	case len(msg) != 2:
		e.fail("width", &failure{got: msg, bytes: true, meaning: words.T("check.number.width", len(msg)), rule: rule})
	default:
		e.pass("width", words.T("check.note.width", hexView(msg)))
	}
	// Answer as the course's server does, then close.
	reply := numberReply(msg)
	_, _ = c.Write(reply)
	closeAfterPeer(c, min(e.timeout, closeGrace))
	e.printedAll(ctx, "prints", [][]byte{reply}, true)
	e.byteOrder(msg, rule)
}

// byteOrder judges the number's byte order: big-endian, and from 1 to
// 1000 as the course's client draws it. A client that printed its number
// (as the course's does) tells which one it meant; it is read once the
// program ended, as Python writes its output to a pipe only then.
func (e *env) byteOrder(msg []byte, rule string) {
	if asciiNumber.Match(msg) || len(msg) > 8 {
		e.fail("big-endian", &failure{meaning: words.T("check.number.not_binary"), rule: rule})
		return
	}
	var be, le uint64
	for i, b := range msg {
		be = be<<8 | uint64(b)
		le |= uint64(b) << (8 * i)
	}
	inRange := func(n uint64) bool { return n >= 1 && n <= 1000 }
	said := map[uint64]bool{}
	for _, s := range printedNumber.FindAllString(e.prog.stdout.String(), 16) {
		if n, err := strconv.ParseUint(s, 10, 64); err == nil {
			said[n] = true
		}
	}
	switch {
	case be != le && said[le] && !said[be], !inRange(be) && inRange(le):
		e.fail("big-endian", &failure{got: msg, bytes: true, meaning: words.T("check.number.little_endian", le, be), rule: rule})
	case !inRange(be):
		e.fail("big-endian", &failure{got: msg, bytes: true, meaning: words.T("check.number.range", be), rule: rule})
	default:
		e.pass("big-endian", words.T("check.note.big_endian", hexView(msg), be))
	}
}

// closeGrace is how long a server socklab plays waits for the client to
// close first before it closes itself (see closeAfterPeer).
const closeGrace = time.Second

// closeAfterPeer closes c once the client has closed its side, or after
// wait. The course's server closes first, but the side that closes first
// keeps the connection in TIME_WAIT for a minute, and here that side holds
// the course's address: the next check of a server there, whose program
// binds without SO_REUSEADDR as the course's do, would fail with "Address
// already in use". A client that reads its reply and ends closes first
// itself, so waiting for that a moment leaves the port free; a client that
// waits for the end of the stream gets it after wait.
func closeAfterPeer(c *net.TCPConn, wait time.Duration) {
	_ = c.SetReadDeadline(time.Now().Add(wait))
	_, _ = io.Copy(io.Discard, io.LimitReader(c, 1<<20))
	_ = c.Close()
}
