package check

import (
	"bytes"
	"context"
	"encoding/binary"
	"math/big"
	"net"

	"github.com/socklab/socklab/words"
)

var (
	par   = []byte("PAR")
	impar = []byte("ÍMPAR") // c3 8d 4d 50 41 52
)

// numberReply is the course's number server: all the bytes as one
// unsigned big-endian integer; fewer than 10 digits: PAR or ÍMPAR; more
// than 10: the number in decimal; exactly 10: nothing.
func numberReply(msg []byte) []byte {
	n := new(big.Int).SetBytes(msg)
	digits := n.String()
	count := len(digits)
	if n.Sign() == 0 {
		count = 0 // the original counts with a divide-by-10 loop
	}
	switch {
	case count > 10:
		return []byte(digits)
	case count == 10:
		return []byte{}
	case n.Bit(0) == 0:
		return par
	}
	return impar
}

// numberCase sends msg and wants the course's reply, then the server's
// close.
func (e *env) numberCase(msg []byte) func(c *net.TCPConn) (*failure, string) {
	return func(c *net.TCPConn) (*failure, string) {
		want := numberReply(msg)
		r := e.exchange(c, msg)
		rule := words.T("check.rule.number")
		if f := compare(want, r, e.timeout, rule); f != nil {
			if hint := numberHint(msg, want, r.all); hint != "" {
				f.meaning = hint
			}
			return f, ""
		}
		n := new(big.Int).SetBytes(msg)
		if len(want) == 0 {
			// Nothing, then the close: without it the course's client
			// would wait in recv for ever.
			if f := e.serverClosesFirst(c, r); f != nil {
				return f, ""
			}
			return nil, words.T("check.note.number_nothing", hexView(msg), n.String())
		}
		return nil, words.T("check.note.number", hexView(msg), n.String(), quote(want))
	}
}

// numberHint says what a wrong reply to msg suggests, or "" when it
// suggests nothing in particular.
func numberHint(msg, want, got []byte) string {
	switch {
	case bytes.Equal(got, []byte("IMPAR")) && bytes.Equal(want, impar):
		return words.T("check.diff.accent")
	case bytes.Equal(want, par) && bytes.Equal(got, impar), bytes.Equal(want, impar) && bytes.Equal(got, par):
		return words.T("check.diff.parity")
	case len(got) > 0 && bytes.Equal(got, numberReply(reversed(msg))):
		return words.T("check.diff.little_endian")
	case len(want) == 0 && len(got) > 0:
		return words.T("check.diff.ten_digits", quote(got))
	case len(want) > 10 && (bytes.Equal(got, par) || bytes.Equal(got, impar)):
		return words.T("check.diff.many_digits", len(want))
	}
	return ""
}

// reversed returns b's bytes in the other order: a number's bytes as a
// little-endian reading sees them.
func reversed(b []byte) []byte {
	r := make([]byte, len(b))
	for i, c := range b {
		r[len(b)-1-i] = c
	}
	return r
}

func numberServer(ctx context.Context, e *env) {
	be := func(n uint64, width int) []byte {
		b := binary.BigEndian.AppendUint64(nil, n)
		return b[8-width:]
	}
	_ = e.serverCase(ctx, "even", e.numberCase(be(1000, 2))) &&
		e.serverCase(ctx, "odd", e.numberCase(be(7, 2))) &&
		e.serverCase(ctx, "closes-first", func(c *net.TCPConn) (*failure, string) {
			r := e.exchange(c, be(42, 2))
			if f := compare(par, r, e.timeout, words.T("check.rule.number")); f != nil {
				return &failure{meaning: words.T("check.after_failed_reply")}, ""
			}
			if f := e.serverClosesFirst(c, r); f != nil {
				return f, ""
			}
			return nil, words.T("check.note.closed_first")
		}) &&
		e.serverCase(ctx, "nine-digits", e.numberCase(be(999999999, 4))) &&
		e.serverCase(ctx, "ten-digits", e.numberCase(be(1234567890, 4))) &&
		e.serverCase(ctx, "eleven-digits", e.numberCase(be(12345678901, 5)))
}
