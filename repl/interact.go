package repl

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"

	"github.com/socklab/socklab/words"
)

// interactCmd is the live, nc-like mode.
var interactCmd = &Command{
	Name:     "interact",
	Usage:    "interact [ID]",
	Examples: []string{"interact", "interact 2"},
	Socket:   true, MaxArgs: 0,
	Run: runInteract,
}

// interrupter is a [lineSource] whose waiting read can be interrupted.
type interrupter interface{ interrupt() }

func runInteract(ctx context.Context, s *Session, a *Args) error {
	if a.Sock.Kind == netops.KindListener { // before the banner, not after it
		return &netops.OpError{Op: "interact", ID: a.Sock.ID, Net: a.Sock.Proto, Addr: a.Sock.LocalAddr(),
			Err: &netops.KindError{Op: "interact", ID: a.Sock.ID, Kind: a.Sock.Kind, Need: "conn"}}
	}
	if s.cfg.input == nil {
		return errors.New(words.T("interact.no_input"))
	}
	sock := a.Sock
	defer s.hold(sock)()
	s.Event(sock.ID, "%s", words.T("interact.banner"))
	s.out.flush()

	rctx, stop := context.WithCancel(ctx)
	recvDone := make(chan struct{})
	var recvErr error // a receive that failed (not the peer's end of stream): interact's error
	go func() {
		defer close(recvDone)
		for {
			b, err := sock.Recv(rctx, recvDefault, 0)
			showLines(s, b)
			if err != nil {
				switch {
				case err == io.EOF:
					s.Event(sock.ID, "%s", words.T("interact.peer_closed"))
				case rctx.Err() == nil:
					recvErr = err
				}
				if i, ok := s.cfg.input.(interrupter); ok && rctx.Err() == nil {
					i.interrupt()
				}
				return
			}
		}
	}()
	leave := func() error {
		stop()
		<-recvDone
		s.Event(sock.ID, "%s", words.T("interact.left"))
		return recvErr
	}
	for {
		line, err := s.cfg.input.readLine("")
		if _, live := s.cfg.input.(interrupter); err == io.EOF && !live && sock.Kind != netops.KindPacket {
			// The end of a piped input: as nc does, show what the peer
			// still sends, until it closes. (UDP has no close to wait
			// for: it leaves at once.)
			select {
			case <-recvDone:
			case <-ctx.Done():
			}
		}
		if err != nil || rctx.Err() != nil {
			return leave() // Ctrl-D, Ctrl-], Ctrl-C, end of input, the peer closed, or a failed receive
		}
		if _, err := sock.Send(ctx, []byte(line+"\n"), 0); err != nil {
			leave()
			return err
		}
	}
}

// showLines prints b line by line, unprintable bytes escaped; a "\r\n"
// ending shows as a plain line end, and a last line without its end shows
// at once.
func showLines(s *Session, b []byte) {
	for len(b) > 0 {
		line, rest, _ := bytes.Cut(b, []byte("\n"))
		s.Printf("%s", say.Escape(bytes.TrimSuffix(line, []byte("\r")), 0))
		b = rest
	}
}
