package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// dataCommands send and receive on connected sockets.
var dataCommands = []*Command{
	{
		Name:     "send",
		Usage:    "send [ID] TEXT | send [ID] --hex HEX | send [ID] --file PATH",
		Examples: []string{`send hello`, `send 2 "GET / HTTP/1.0\r\n\r\n"`, `send --hex 48656c6c6f`, `send 1 --file /etc/hostname`},
		Flags: []Flag{
			{Name: "hex", Value: "HEX", Fills: true},
			{Name: "file", Value: "PATH", Fills: true},
			{Name: "timeout", Value: "D"},
		},
		Socket: true, MinArgs: 1, MaxArgs: -1,
		Run: func(ctx context.Context, s *Session, a *Args) error { return runSend(ctx, s, a, "") },
	},
	{
		Name:     "sendline",
		Usage:    "sendline [ID] TEXT",
		Examples: []string{"sendline hello", "sendline 2 'USER anonymous'"},
		Flags:    []Flag{{Name: "timeout", Value: "D"}},
		Socket:   true, MinArgs: 1, MaxArgs: -1,
		Run: func(ctx context.Context, s *Session, a *Args) error { return runSend(ctx, s, a, "\n") },
	},
	{
		Name:     "recv",
		Usage:    "recv [ID] [MAX] [--timeout D] [--line | --until DELIM | --all] [--hex | --out FILE]",
		Examples: []string{"recv", "recv 1024 --timeout 2s", "recv 2 --line", `recv --until "\r\n\r\n"`, "recv --all --hex", "recv --all --out reply.bin"},
		Flags: []Flag{
			{Name: "timeout", Value: "D"},
			{Name: "line"},
			{Name: "until", Value: "DELIM"},
			{Name: "all"},
			{Name: "hex"},
			{Name: "out", Value: "FILE"},
		},
		Socket: true, MaxArgs: 1,
		Run: runRecv,
	},
	interactCmd,
}

// runSend is send and sendline (suffix "\n").
func runSend(ctx context.Context, s *Session, a *Args, suffix string) error {
	if a.Has("file") && !a.Has("hex") && len(a.Words) == 0 && a.Sock.Kind != netops.KindPacket {
		return s.streamFile(ctx, a)
	}
	data, err := payload(ctx, a)
	if err != nil {
		return err
	}
	data = append(data, suffix...)
	n, err := a.Sock.Send(ctx, data, a.Timeout)
	if err != nil {
		return partialSend(err, n, len(data))
	}
	s.Event(a.Sock.ID, "%s", words.T("data.sent", byteCount(n)))
	return nil
}

// payload returns the bytes a send command was given: --hex, --file (for
// a datagram: at most its largest size), or the words with their escapes
// decoded.
func payload(ctx context.Context, a *Args) ([]byte, error) {
	switch {
	case a.Has("hex") && a.Has("file"):
		return nil, usageT(a.Command, "data.hex_and_file")
	case (a.Has("hex") || a.Has("file")) && len(a.Words) > 0:
		return nil, usageT(a.Command, "data.text_and_flag")
	case a.Has("hex"):
		b, err := decodeHex(a.String("hex"))
		if err != nil {
			return nil, usageOf(a.Command, err)
		}
		return b, nil
	case a.Has("file"):
		return readDatagramFile(ctx, a.Command.Name, a.String("file"))
	}
	b, err := decodeEscapes(a.Text())
	if err != nil {
		return nil, usageOf(a.Command, err)
	}
	return b, nil
}

func runRecv(ctx context.Context, s *Session, a *Args) error {
	var err error
	modes := 0
	for _, m := range []string{"line", "until", "all"} {
		if a.Has(m) {
			modes++
		}
	}
	if modes > 1 {
		return usageT(a.Command, "data.one_mode")
	}
	if a.Has("out") && a.Has("hex") {
		return usageT(a.Command, "data.out_or_hex")
	}
	max := 0
	if len(a.Words) == 1 {
		if max, err = parseSize(a.Command, a.Words[0]); err != nil {
			return err
		}
	}
	var out *os.File // opened first: a file that cannot be written costs no received byte
	if a.Has("out") {
		name := a.String("out")
		if out, err = openCtx(ctx, name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err != nil {
			if ctx.Err() != nil {
				return ctx.Err() // a FIFO that no one reads: Ctrl-C ends the wait
			}
			return errors.New(words.T("data.out_file", name, say.Error(err)))
		}
		defer out.Close()
	}
	defer s.hold(a.Sock)()
	var data []byte
	switch {
	case a.Has("line"):
		data, err = a.Sock.RecvLine(ctx, a.Timeout, max)
	case a.Has("until"):
		delim, derr := decodeEscapes(a.String("until"))
		if derr != nil {
			return usageOf(a.Command, derr)
		}
		if len(delim) == 0 {
			return usageT(a.Command, "data.empty_until")
		}
		data, err = a.Sock.RecvUntil(ctx, delim, a.Timeout, max)
	case a.Has("all"):
		data, err = a.Sock.RecvAll(ctx, a.Timeout, max)
		if err == nil {
			err = io.EOF
		}
	default:
		if max == 0 {
			max = recvDefault
		}
		if a.Sock.Kind == netops.KindPacket {
			d, err := a.Sock.RecvDatagram(ctx, max, a.Timeout)
			if err != nil {
				return err
			}
			if out != nil {
				return s.appendOut(ctx, a, out, d.Data)
			}
			d.From = "" // recv shows the bytes only, as before
			s.showDatagram(a.Sock.ID, d, max, a.Has("hex"))
			return nil
		}
		data, err = a.Sock.Recv(ctx, max, a.Timeout)
	}
	switch {
	case out != nil:
		if oerr := s.appendOut(ctx, a, out, data); oerr != nil {
			return oerr
		}
	case len(data) > 0 || err == nil:
		s.showData(a.Sock.ID, "", data, a.Has("hex"))
	}
	if err == io.EOF {
		s.Event(a.Sock.ID, "%s", eofText(a.Sock))
		return nil
	}
	return err
}

// appendOut appends data, exactly as received, to recv --out's file f and
// says how many bytes went there. When the write fails, or ctx ends while
// it waits (a FIFO whose reader does not read), the bytes are shown
// instead, with the error: they are not lost.
func (s *Session) appendOut(ctx context.Context, a *Args, f *os.File, data []byte) error {
	name := a.String("out")
	stop := context.AfterFunc(ctx, func() { f.SetWriteDeadline(time.Now()) }) // a pipe's write waits in Go's poller
	n, err := f.Write(data)
	stop()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if n > 0 {
			s.Event(a.Sock.ID, "%s", words.T("data.appended", byteCount(n), name))
		}
		s.showData(a.Sock.ID, "", data[n:], false) // what did not go to the file
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return errors.New(words.T("data.out_file", name, say.Error(err)))
	}
	s.Event(a.Sock.ID, "%s", words.T("data.appended", byteCount(len(data)), name))
	return nil
}

// showData prints received bytes: "[1] 5 bytes: "hello"", or with hex the
// count and a hex dump. from, if not empty, names the sender.
func (s *Session) showData(id int, from string, data []byte, hex bool) {
	head := fmt.Sprintf("[%d] %s", id, byteCount(len(data)))
	if from != "" {
		head += words.T("data.from", from)
	}
	if hex {
		s.Printf("%s:\n%s", head, hexDump(data))
		return
	}
	s.Printf("%s: %s", head, quoteBytes(data))
}

// recvDefault is the most bytes a plain recv or recvfrom returns.
const recvDefault = 4096

// partial is a send that failed or was canceled after some of its bytes had
// gone out: the shell says how many, since they reach the peer all the same
// (Python's sendall does not tell; C's send returns the count).
type partial struct {
	err         error
	sent, total int // total is -1 for a stream of unknown length (send --file of a pipe)
}

func (p *partial) Error() string { return p.err.Error() }
func (p *partial) Unwrap() error { return p.err }

// text says how much went out.
func (p *partial) text() string {
	if p.total < 0 {
		return words.T("data.partial_of", byteCount(p.sent))
	}
	return words.T("data.partial", p.sent, byteCount(p.total))
}

// partialSend returns err, telling how many of total bytes went out when
// some did.
func partialSend(err error, sent, total int) error {
	if sent <= 0 {
		return err
	}
	return &partial{err: err, sent: sent, total: total}
}
