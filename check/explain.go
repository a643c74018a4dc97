package check

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// grace is how long a case keeps reading after the first bytes of a reply,
// to see a reply sent in pieces, twice, or with something after it.
const grace = 200 * time.Millisecond

// replyLimit bounds what a case keeps of one reply.
const replyLimit = 64 << 10

// showLimit bounds how many bytes a report shows of what a program sent
// (quoted, and in hex): a flood is shown by its first bytes and its count.
const showLimit = 160

// shown returns b's first showLimit bytes (not cutting a UTF-8 character)
// and whether that left something out.
func shown(b []byte) ([]byte, bool) {
	if len(b) <= showLimit {
		return b, false
	}
	return b[:say.CompleteUpTo(b[:showLimit])], true
}

// quote shows bytes as a person can read them: a Go-style quoted string
// (printable UTF-8 as it is, everything else escaped) and the byte count;
// beyond showLimit bytes, the first ones and "...".
func quote(b []byte) string {
	head, cut := shown(b)
	s := strconv.Quote(string(head))
	if cut {
		s += "..."
	}
	return s + " " + words.N("check.bytes", int64(len(b)))
}

// hexView shows bytes as hexadecimal pairs (the first showLimit, then
// "...").
func hexView(b []byte) string {
	if len(b) == 0 {
		return "-"
	}
	b, cut := shown(b)
	var s strings.Builder
	for i, c := range b {
		if i > 0 {
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "%02x", c)
	}
	if cut {
		s.WriteString(" ...")
	}
	return s.String()
}

// visible drops the bytes a terminal does not show (whitespace and
// control bytes).
func visible(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, b)
}

// invisibleOnly reports whether a and b differ only in bytes a terminal
// does not show, when the hex view is what tells them apart.
func invisibleOnly(a, b []byte) bool {
	return !bytes.Equal(a, b) && bytes.Equal(visible(a), visible(b))
}

// reply is what a case read after sending something.
type reply struct {
	first  []byte // the first read: what the course's one recv(1024) gets
	all    []byte // everything that arrived within the grace period
	pieces int    // how many reads it took
	eof    bool   // the peer closed
	reset  bool   // the connection was reset
}

// readReply reads what the peer sends: the first bytes within wait, then
// whatever follows within the grace period, or until the peer closes.
func readReply(c net.Conn, wait time.Duration) reply {
	var r reply
	buf := make([]byte, 1024)
	deadline := time.Now().Add(wait)
	for len(r.all) < replyLimit {
		_ = c.SetReadDeadline(deadline)
		n, err := c.Read(buf)
		if n > 0 {
			if r.pieces == 0 {
				r.first = append([]byte(nil), buf[:n]...)
			}
			r.pieces++
			r.all = append(r.all, buf[:n]...)
			deadline = time.Now().Add(grace)
		}
		switch {
		case err == nil:
		case errors.Is(err, io.EOF):
			r.eof = true
			return r
		case isReset(err):
			r.reset = true
			return r
		default:
			return r // the deadline, or another error: what came is what counts
		}
	}
	return r
}

// waitEOF waits up to d for the peer to close; it reports whether it did,
// and what arrived meanwhile.
func waitEOF(c net.Conn, d time.Duration) (closed bool, extra []byte) {
	buf := make([]byte, 1024)
	_ = c.SetReadDeadline(time.Now().Add(d))
	for len(extra) < replyLimit {
		n, err := c.Read(buf)
		extra = append(extra, buf[:n]...)
		if err != nil {
			return errors.Is(err, io.EOF) || isReset(err), extra
		}
	}
	return false, extra
}

// peerClosed reports whether the peer has closed its side of c (its FIN
// is there to read); it reads at most one byte.
func peerClosed(c net.Conn) bool {
	_ = c.SetReadDeadline(time.Now().Add(time.Millisecond))
	_, err := c.Read(make([]byte, 1))
	return errors.Is(err, io.EOF)
}

func isReset(err error) bool {
	err = netops.Portable(err) // Windows: WSAECONNRESET
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// isTimeout reports whether err is a deadline that passed.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// compare checks a reply against the exact bytes expected and, when they
// differ, says what the difference means; rule is the course's rule the
// case is about.
func compare(want []byte, r reply, wait time.Duration, rule string) *failure {
	if bytes.Equal(r.all, want) && r.pieces <= 1 {
		return nil
	}
	f := &failure{expected: want, got: r.all, bytes: true, rule: rule, ended: len(r.all) == 0 && (r.eof || r.reset)}
	f.meaning = difference(want, r, wait)
	return f
}

// difference names, for a student, how the bytes that arrived differ from
// those expected.
func difference(want []byte, r reply, wait time.Duration) string {
	got := r.all
	switch {
	case len(got) == 0 && r.reset:
		return words.T("check.diff.reset")
	case len(got) == 0 && r.eof:
		return words.T("check.diff.closed")
	case len(got) == 0:
		return words.T("check.diff.nothing", wait.String())
	case bytes.Equal(got, want):
		return words.T("check.diff.pieces", r.pieces, quote(r.first))
	case bytes.HasPrefix(got, want) && isNewline(got[len(want):]):
		return words.T("check.diff.newline", strconv.Quote(string(got[len(want):])))
	case len(want) > 0 && bytes.Equal(got, bytes.Repeat(want, len(got)/len(want))):
		return words.T("check.diff.repeated", len(got)/len(want))
	case bytes.HasPrefix(got, want) && len(bytes.Trim(got[len(want):], "\x00")) == 0:
		return words.T("check.diff.nul_padding", len(got)-len(want))
	case bytes.HasPrefix(got, want):
		return words.T("check.diff.extra", len(got)-len(want))
	case bytes.HasPrefix(want, got):
		return words.T("check.diff.truncated", len(got), len(want))
	case bytes.EqualFold(got, want):
		return words.T("check.diff.case")
	case bytes.Equal(bytes.TrimSpace(got), want):
		return words.T("check.diff.spaces")
	case invisibleOnly(got, want):
		return words.T("check.diff.invisible")
	}
	return words.T("check.diff.other")
}

func isNewline(b []byte) bool {
	s := string(b)
	return s == "\n" || s == "\r\n" || s == "\r"
}
