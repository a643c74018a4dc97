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
		view := liveView{stream: sock.Kind != netops.KindPacket}
		for {
			b, err := sock.Recv(rctx, recvDefault, 0)
			view.show(s, b, err != nil)
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

// liveView shows what interact receives, line by line, unprintable bytes
// escaped; a "\r\n" ending shows as a plain line end, and a last line
// without its end shows at once. A stream's reads end where the kernel
// had bytes, not where the peer's lines or characters end, so a view of a
// stream keeps the end of one read for the next when it may continue
// there: an unfinished UTF-8 character ("conex\xc3" + "\xa3o" is
// "conexão", not two invalid bytes) and a "\r" (which a "\n" may follow).
// A line end that comes at the start of a read ends the line the last read
// showed, instead of showing an empty line.
type liveView struct {
	stream bool   // a stream (TCP, UNIX), not datagrams, each whole
	held   []byte // the end of the last read, kept for the next
	open   bool   // the last line shown has not ended yet
}

// show shows b; last says no more will come (end of stream, an error).
func (v *liveView) show(s *Session, b []byte, last bool) {
	if !v.stream {
		showLines(s, b)
		return
	}
	b = append(v.held, b...)
	v.held = nil
	if !last {
		b, v.held = holdTail(b)
	}
	if v.open {
		for _, end := range []string{"\r\n", "\n"} {
			if rest, ok := bytes.CutPrefix(b, []byte(end)); ok {
				b, v.open = rest, false
				break
			}
		}
	}
	if len(b) > 0 {
		v.open = !bytes.HasSuffix(b, []byte("\n"))
	}
	showLines(s, b)
}

// holdTail splits off the end of b that the next read may continue: a
// final "\r", or the start of a UTF-8 character that is not complete yet.
func holdTail(b []byte) (show, held []byte) {
	n := len(b)
	if n > 0 && b[n-1] == '\r' {
		return b[:n-1], b[n-1:]
	}
	i := say.CompleteUpTo(b)
	return b[:i], b[i:]
}

// showLines prints b line by line, unprintable bytes escaped; a "\r\n"
// ending shows as a plain line end, and a last line without its end shows
// at once, with any "\r" it ends with.
func showLines(s *Session, b []byte) {
	for len(b) > 0 {
		line, rest, ended := bytes.Cut(b, []byte("\n"))
		if ended {
			line = bytes.TrimSuffix(line, []byte("\r"))
		}
		s.Printf("%s", say.Escape(line, 0))
		b = rest
	}
}
