package repl

import (
	"context"
	"strconv"
)

// udpCommands send and receive datagrams on unconnected UDP sockets.
var udpCommands = []*Command{
	{
		Name:    "sendto",
		Usage:   "sendto [ID] HOST:PORT TEXT | sendto [ID] HOST:PORT --hex HEX | sendto [ID] HOST:PORT --file FILE",
		Summary: "send one UDP datagram to an address",
		Help: `Sends TEXT as one datagram from a UDP socket (made with listen udp) to
HOST:PORT. TEXT is read as send reads it (escapes, quoting, see help send).
UDP promises nothing: the datagram may be lost, and no error says so.`,
		Examples: []string{"sendto 127.0.0.1:65431 'hello\\n'", "sendto 1 127.0.0.1:65431 --hex 00ff"},
		Calls:    "sendto",
		Flags: []Flag{
			{Name: "hex", Value: "HEX", Help: "send these bytes, given in hex", Fills: true},
			{Name: "file", Value: "PATH", Help: "send the contents of this file", Fills: true},
		},
		Socket: true, MinArgs: 2, MaxArgs: -1,
		Run: runSendTo,
	},
	{
		Name:    "recvfrom",
		Usage:   "recvfrom [ID] [MAX] [--timeout D] [--hex]",
		Summary: "receive one UDP datagram and its sender",
		Help: `Waits for one datagram on a UDP socket and shows it with its sender's
address; a plain send then answers that sender. A datagram longer than
MAX (default 4096) is cut, as the kernel does. Ctrl-C stops the wait.`,
		Examples: []string{"recvfrom", "recvfrom 1 512 --timeout 2s --hex"},
		Calls:    "recvfrom",
		Flags: []Flag{
			{Name: "timeout", Value: "D", Help: "give up after D"},
			{Name: "hex", Help: "show a hex dump"},
		},
		Socket: true, MaxArgs: 1,
		Run: runRecvFrom,
	},
}

func runSendTo(ctx context.Context, s *Session, a *Args) error {
	addr := a.Words[0]
	a.Words, a.quoted = a.Words[1:], a.quoted[1:]
	data, err := payload(a)
	if err != nil {
		return err
	}
	n, err := a.Sock.SendTo(ctx, data, addr, 0)
	if err != nil {
		return err
	}
	s.Event(a.Sock.ID, "sent %s to %s", plural(n, "byte", "bytes"), addr)
	return nil
}

func runRecvFrom(ctx context.Context, s *Session, a *Args) error {
	var err error
	max := recvDefault
	if len(a.Words) == 1 {
		if max, err = strconv.Atoi(a.Words[0]); err != nil || max <= 0 {
			return usageError(a.Command, "bad size %q: want a number of bytes from 1 up", a.Words[0])
		}
	}
	defer s.hold(a.Sock)()
	data, from, err := a.Sock.RecvFrom(ctx, max, a.Timeout)
	if err != nil {
		return err
	}
	s.showData(a.Sock.ID, from, data, a.Has("hex"))
	return nil
}
