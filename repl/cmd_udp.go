package repl

import (
	"context"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// udpCommands send and receive datagrams on unconnected UDP sockets.
var udpCommands = []*Command{
	{
		Name:     "sendto",
		Usage:    "sendto [ID] HOST:PORT TEXT | sendto [ID] HOST:PORT --hex HEX | sendto [ID] HOST:PORT --file FILE",
		Examples: []string{"sendto 127.0.0.1:65431 'hello\\n'", "sendto 1 127.0.0.1:65431 --hex 00ff"},
		Flags: []Flag{
			{Name: "hex", Value: "HEX", Fills: true},
			{Name: "file", Value: "PATH", Fills: true},
		},
		Socket: true, MinArgs: 2, MaxArgs: -1,
		Run: runSendTo,
	},
	{
		Name:     "recvfrom",
		Usage:    "recvfrom [ID] [MAX] [--timeout D] [--hex]",
		Examples: []string{"recvfrom", "recvfrom 1 512 --timeout 2s --hex"},
		Flags: []Flag{
			{Name: "timeout", Value: "D"},
			{Name: "hex"},
		},
		Socket: true, MaxArgs: 1,
		Run: runRecvFrom,
	},
}

func runSendTo(ctx context.Context, s *Session, a *Args) error {
	addr := a.Words[0]
	a.Words, a.quoted = a.Words[1:], a.quoted[1:]
	data, err := payload(ctx, a)
	if err != nil {
		return err
	}
	n, err := a.Sock.SendTo(ctx, data, addr, 0)
	if err != nil {
		return err
	}
	s.Event(a.Sock.ID, "%s", words.T("data.sent_to", byteCount(n), addr))
	return nil
}

func runRecvFrom(ctx context.Context, s *Session, a *Args) error {
	var err error
	max := recvDefault
	if len(a.Words) == 1 {
		if max, err = parseSize(a.Command, a.Words[0]); err != nil {
			return err
		}
	}
	defer s.hold(a.Sock)()
	d, err := a.Sock.RecvDatagram(ctx, max, a.Timeout)
	if err != nil {
		return err
	}
	s.showDatagram(a.Sock.ID, d, max, a.Has("hex"))
	return nil
}

// showDatagram prints a received datagram and, when it was longer than
// max, how many of its bytes were dropped.
func (s *Session) showDatagram(id int, d netops.Datagram, max int, hex bool) {
	s.showData(id, d.From, d.Data, hex)
	if d.Dropped() > 0 {
		s.Event(id, "%s", words.T("limits.datagram_cut", d.Dropped(), d.Size, max))
	}
}
