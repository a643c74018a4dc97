package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// sendFileChunk is how much of a file send --file holds at a time: a file,
// pipe or device of any size (/dev/zero, which never ends) streams through
// one buffer of this size.
const sendFileChunk = 256 << 10

// maxDatagramFile is the most bytes send --file puts in one UDP datagram:
// the largest IPv4 UDP payload.
const maxDatagramFile = 65507

// openSendFile opens path for send --file. Opening a FIFO waits for a
// writer; ctx ending (Ctrl-C, SIGTERM) ends that wait.
func openSendFile(ctx context.Context, cmd, path string) (*os.File, error) {
	f, err := openCtx(ctx, path, os.O_RDONLY, 0)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s --file %s: %w", cmd, path, errors.Unwrap(err))
	}
	return f, nil
}

// streamFile sends the file of send --file on a connection as it reads it,
// a chunk at a time, until its end: memory stays one chunk whatever the
// size. --timeout bounds the whole transfer; Ctrl-C ends it, also while a
// pipe or FIFO has nothing to say.
func (s *Session) streamFile(ctx context.Context, a *Args) error {
	f, err := openSendFile(ctx, a.Command.Name, a.String("file"))
	if err != nil {
		return err
	}
	defer f.Close()
	stop := context.AfterFunc(ctx, func() { f.Close() }) // wakes a read that waits on a pipe
	defer stop()
	var dl time.Time
	if a.Timeout > 0 {
		dl = time.Now().Add(a.Timeout)
	}
	size := -1 // a pipe's or a device's: unknown
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = int(st.Size())
	}
	buf := make([]byte, sendFileChunk)
	sent := 0
	for {
		n, rerr := f.Read(buf)
		if n > 0 {
			m, err := a.Sock.Send(ctx, buf[:n], remaining(dl))
			sent += m
			if err != nil {
				return partialSend(err, sent, size)
			}
		}
		switch {
		case rerr == io.EOF:
			s.Event(a.Sock.ID, "%s", words.T("data.sent", byteCount(sent)))
			return nil
		case rerr != nil && ctx.Err() != nil: // canceled between two sends: said as a cancel within one ("[4] send canceled")
			return partialSend(&netops.OpError{Op: a.Command.Name, ID: a.Sock.ID, Err: ctx.Err()}, sent, size)
		case rerr != nil:
			return partialSend(fmt.Errorf("%s --file: %w", a.Command.Name, rerr), sent, size)
		}
	}
}

// remaining returns the time left until dl for a call's timeout: 0 (none)
// when there is no deadline, and at least 1 ns once it has passed, so
// that the call times out instead of waiting without a limit.
func remaining(dl time.Time) time.Duration {
	if dl.IsZero() {
		return 0
	}
	return max(time.Until(dl), time.Nanosecond)
}

// readDatagramFile reads path for send --file on a UDP socket: one
// datagram, so at most maxDatagramFile bytes are read, and a longer file
// fails.
func readDatagramFile(ctx context.Context, cmd, path string) ([]byte, error) {
	f, err := openSendFile(ctx, cmd, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	stop := context.AfterFunc(ctx, func() { f.Close() })
	defer stop()
	b, err := io.ReadAll(io.LimitReader(f, maxDatagramFile+1))
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, fmt.Errorf("%s --file: %w", cmd, err)
	case len(b) > maxDatagramFile:
		return nil, errors.New(words.T("limits.file_datagram", cmd, path, maxDatagramFile))
	}
	return b, nil
}
