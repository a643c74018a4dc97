package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/socklab/socklab/netops"
)

// dataCommands send and receive on connected sockets.
var dataCommands = []*Command{
	{
		Name:    "send",
		Usage:   "send [ID] TEXT | send [ID] --hex HEX | send [ID] --file PATH",
		Summary: "send bytes exactly as given",
		Help: `Sends the bytes of TEXT, nothing added (sendline adds "\n"). Several words
are joined by one space. Escapes: \n \r \t \0 \xNN \\ ; quote as a shell
does ('...' or "...") to keep spaces or a leading --. --hex sends bytes
given in hex, --file the contents of a file. All bytes go out (sendall).

Which socket: a command that takes [ID] uses the current socket (the last
one opened, accepted, or chosen with use) unless its first argument is a
bare number that was ever a socket's id. Ids are never reused, so
"send 2 hello" sends "hello" on [2], and once [2] is closed it fails with
"[2] is closed": it never reaches another socket. Data that is a number
is quoted: send "2" sends "2" on the current socket, send 2 "42" sends
"42" on [2]. Quoted text is never an id: send '2' hello sends "2 hello".
A bare number that was never an id is text (send 7 x sends "7 x") unless
the command can take it as nothing else (close 7: no socket [7]).`,
		Examples: []string{`send hello`, `send 2 "GET / HTTP/1.0\r\n\r\n"`, `send --hex 48656c6c6f`, `send 1 --file /etc/hostname`},
		Calls:    "send (repeated until every byte is out)",
		Flags: []Flag{
			{Name: "hex", Value: "HEX", Help: "send these bytes, given in hex (48656c6c6f or 48 65 6c)", Fills: true},
			{Name: "file", Value: "PATH", Help: "send the contents of this file", Fills: true},
			{Name: "timeout", Value: "D", Help: "give up if the bytes cannot go out within D"},
		},
		Socket: true, MinArgs: 1, MaxArgs: -1,
		Run: func(ctx context.Context, s *Session, a *Args) error { return runSend(ctx, s, a, "") },
	},
	{
		Name:    "sendline",
		Usage:   "sendline [ID] TEXT",
		Summary: `send TEXT and "\n"`,
		Help: `Sends TEXT followed by "\n", as a line-based protocol expects. TEXT is read
as send reads it (escapes, quoting, the id rule: see help send), so
sendline "2" sends "2\n"; sendline "" sends an empty line.`,
		Examples: []string{"sendline hello", "sendline 2 'USER anonymous'"},
		Calls:    "send",
		Flags:    []Flag{{Name: "timeout", Value: "D", Help: "give up if the bytes cannot go out within D"}},
		Socket:   true, MinArgs: 1, MaxArgs: -1,
		Run: func(ctx context.Context, s *Session, a *Args) error { return runSend(ctx, s, a, "\n") },
	},
	{
		Name:    "recv",
		Usage:   "recv [ID] [MAX] [--timeout D] [--line | --until DELIM | --all] [--hex]",
		Summary: "receive bytes, a line, up to a delimiter, or all",
		Help: `Receives from a connection (or a UDP socket). Plain recv returns what one
read from the kernel gives, at most MAX bytes (default 4096), as Python's
sock.recv does: one chunk, however the peer's sends were cut (at most
1 MiB, whatever MAX). --line waits for a whole line, --until for DELIM
(escapes allowed), --all for everything until the peer closes; with
these, MAX is the most it gathers (default 1 MiB). MAX is from 1 to
268435456 (256 MiB); memory follows what arrives, never MAX. Bytes after a line or delimiter stay for the next recv.
The bytes are shown as text with anything unprintable escaped, or as a hex
dump with --hex. The peer closing its side is reported, not an error.
A lone number that was ever a socket's id is that id (see help send):
recv 1 reads from [1], recv 1 2 reads 2 bytes from [1]. Ctrl-C stops the
wait.`,
		Examples: []string{"recv", "recv 1024 --timeout 2s", "recv 2 --line", `recv --until "\r\n\r\n"`, "recv --all --hex"},
		Calls:    "recv (--line, --until, --all: recv until done)",
		Flags: []Flag{
			{Name: "timeout", Value: "D", Help: "give up after D (500ms, 2s) when nothing arrived"},
			{Name: "line", Help: `wait for a line ending in "\n"`},
			{Name: "until", Value: "DELIM", Help: "wait for DELIM"},
			{Name: "all", Help: "read until the peer closes"},
			{Name: "hex", Help: "show a hex dump"},
		},
		Socket: true, MaxArgs: 1,
		Run: runRecv,
	},
	interactCmd,
}

// runSend is send and sendline (suffix "\n").
func runSend(ctx context.Context, s *Session, a *Args, suffix string) error {
	data, err := payload(a)
	if err != nil {
		return err
	}
	data = append(data, suffix...)
	n, err := a.Sock.Send(ctx, data, a.Timeout)
	if err != nil {
		return err
	}
	s.Event(a.Sock.ID, "sent %s", plural(n, "byte", "bytes"))
	return nil
}

// maxSendFile is the most bytes send --file reads: it holds the file in
// memory, so a device that never ends (/dev/zero) must not fill it.
const maxSendFile = 256 << 20

// readFileLimited reads path for send --file, failing beyond maxSendFile.
func readFileLimited(cmd, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s --file %s: %w", cmd, path, errors.Unwrap(err))
	}
	defer f.Close()
	tooBig := withHint(fmt.Errorf("%s --file %s: more than %d MiB", cmd, path, maxSendFile>>20),
		"for large files and streams use: socklab nc HOST PORT < FILE")
	// A regular file's size is known: too big fails at once, and the
	// buffer is sized once (as os.ReadFile does). A device or pipe grows
	// it as it reads.
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > maxSendFile {
			return nil, tooBig
		}
		buf.Grow(int(fi.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, maxSendFile+1)); err != nil {
		return nil, fmt.Errorf("%s --file: %w", cmd, err)
	}
	if buf.Len() > maxSendFile {
		return nil, tooBig
	}
	return buf.Bytes(), nil
}

// payload returns the bytes a send command was given: --hex, --file, or
// the words with their escapes decoded.
func payload(a *Args) ([]byte, error) {
	switch {
	case a.Has("hex") && a.Has("file"):
		return nil, usageError(a.Command, "give either --hex or --file, not both")
	case (a.Has("hex") || a.Has("file")) && len(a.Words) > 0:
		return nil, usageError(a.Command, "give either TEXT or --hex/--file, not both (quote TEXT that starts with --)")
	case a.Has("hex"):
		b, err := decodeHex(a.String("hex"))
		if err != nil {
			return nil, usageError(a.Command, "%w", err)
		}
		return b, nil
	case a.Has("file"):
		return readFileLimited(a.Command.Name, a.String("file"))
	}
	b, err := decodeEscapes(a.Text())
	if err != nil {
		return nil, usageError(a.Command, "%w", err)
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
		return usageError(a.Command, "give one of --line, --until and --all")
	}
	max := 0
	if len(a.Words) == 1 {
		if max, err = parseSize(a.Command, a.Words[0]); err != nil {
			return err
		}
	}
	defer s.hold(a.Sock)()
	var data []byte
	switch {
	case a.Has("line"):
		data, err = a.Sock.RecvLine(ctx, a.Timeout, max)
	case a.Has("until"):
		delim, derr := decodeEscapes(a.String("until"))
		if derr != nil {
			return usageError(a.Command, "%v", derr)
		}
		if len(delim) == 0 {
			return usageError(a.Command, "--until needs a delimiter of at least one byte")
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
			d.From = "" // recv shows the bytes only, as before
			s.showDatagram(a.Sock.ID, d, max, a.Has("hex"))
			return nil
		}
		data, err = a.Sock.Recv(ctx, max, a.Timeout)
	}
	if len(data) > 0 || err == nil {
		s.showData(a.Sock.ID, "", data, a.Has("hex"))
	}
	if err == io.EOF {
		s.Event(a.Sock.ID, "%s", eofText(a.Sock))
		return nil
	}
	return err
}

// showData prints received bytes: "[1] 5 bytes: "hello"", or with hex the
// count and a hex dump. from, if not empty, names the sender.
func (s *Session) showData(id int, from string, data []byte, hex bool) {
	head := fmt.Sprintf("[%d] %s", id, plural(len(data), "byte", "bytes"))
	if from != "" {
		head += " from " + from
	}
	if hex {
		s.Printf("%s:\n%s", head, hexDump(data))
		return
	}
	s.Printf("%s: %s", head, quoteBytes(data))
}

// recvDefault is the most bytes a plain recv or recvfrom returns.
const recvDefault = 4096
