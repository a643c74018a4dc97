package netcat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// relay copies stdin to c and c to stdout until the rules of the package
// documentation ("End of input") say the connection is over. It closes c
// and returns the exit status.
func relay(ctx context.Context, o *options, c io.ReadWriteCloser, in *input, stdout, stderr io.Writer) int {
	var act *activity
	var idle <-chan time.Time
	if o.timeout > 0 {
		act = newActivity()
		t := time.NewTicker(max(o.timeout/4, time.Millisecond)) // checks -w 4 times per period
		defer t.Stop()
		idle = t.C
	}
	recvDone := make(chan error, 1)
	go func() { recvDone <- receive(o, c, stdout, act) }()

	type sent struct {
		eof bool
		err error
	}
	sendDone := make(chan sent, 1)
	stop := make(chan struct{})
	waitSend := true
	send := func() (bool, error) { return in.copyTo(c, stop, act) }
	if nc, ok := c.(net.Conn); ok {
		if f, tc, ok := in.fast(o, nc); ok {
			waitSend = false // a blocked read of stdin cannot be interrupted
			send = func() (bool, error) { return sendFast(f, tc) }
		}
	}
	go func() {
		eof, err := send()
		if eof && (o.shutWR || o.quit >= 0) {
			netops.CloseWrite(c)
		}
		sendDone <- sent{eof, err}
	}()

	status, sending, receiving, idleOut := 0, true, true, false
	var quit <-chan time.Time
loop:
	for sending || receiving {
		select {
		case <-ctx.Done():
			status = statusInterrupted
			break loop
		case err := <-recvDone:
			receiving = false
			err = netops.Portable(err) // Windows: WSAECONNRESET
			if errors.Is(err, syscall.ECONNRESET) {
				break loop // the connection is gone both ways: nc exits 0
			}
			if st, ok := udpRefused(o, err); ok {
				status = st
				break loop
			}
			if err != nil && !errors.Is(err, syscall.EPIPE) {
				status = fail(stderr, err)
				break loop
			}
			if o.listen || !sending {
				break loop
			}
		case s := <-sendDone:
			sending = false
			if st, ok := udpRefused(o, s.err); ok {
				status = st
				break loop
			}
			if s.err != nil && isPeerGone(s.err) {
				continue // what the peer sent before it went still comes, as in nc
			}
			if s.err != nil {
				status = fail(stderr, s.err)
				break loop
			}
			// -q over TCP sent a FIN above and keeps receiving until the
			// peer closes, as nc does; UDP has no FIN: nc quits -q's
			// seconds after stdin's end.
			switch {
			case !o.udp || o.quit < 0:
			case o.quit == 0:
				break loop
			default:
				quit = time.After(o.quit)
			}
		case <-quit:
			break loop
		case <-idle:
			if act.idle() >= o.timeout {
				idleOut = true // nothing moved, not even to stdout: nc quits, status 0
				break loop
			}
		}
	}
	close(stop)
	c.Close()
	if receiving && status != statusInterrupted && !idleOut {
		status = drain(ctx, o, act, idle, recvDone, status)
	}
	if sending && waitSend {
		<-sendDone
	}
	return status
}

// drain waits until all received is written to stdout, or stdout has taken
// nothing for -w's time, or ctx is cancelled (status 130): whoever reads
// stdout may never read again.
func drain(ctx context.Context, o *options, act *activity, idle <-chan time.Time, recvDone <-chan error, status int) int {
	for {
		select {
		case <-recvDone:
			return status
		case <-ctx.Done():
			return statusInterrupted
		case <-idle:
			if act.idle() >= o.timeout {
				return status
			}
		}
	}
}

// receive copies c to stdout until EOF. A nil error means the peer closed
// its side; the error of a closed connection counts as nil.
func receive(o *options, c io.Reader, stdout io.Writer, act *activity) error {
	if f, ok := stdout.(*os.File); ok && act == nil {
		if tc, ok := c.(*net.TCPConn); ok {
			if handled, err := spliceStdout(f, tc); handled { // splice(2) on Linux
				return netops.IgnoreClosed(err)
			}
		}
	}
	size := bufSize
	if o.udp {
		size = 64 << 10
	}
	buf := make([]byte, size)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			act.touch()
			if werr := writeOut(stdout, buf[:n], act); werr != nil {
				return werr
			}
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil // a TLS peer may close without close_notify
		}
		if err != nil {
			return netops.IgnoreClosed(err)
		}
	}
}

// outPiece is the most written to stdout at once, a pipe's capacity, so
// that a slow reader's progress counts as activity for -w.
const outPiece = 64 << 10

// writeOut writes b to stdout piece by piece, recording each as activity:
// stdout taking data is not an idle connection, as for nc. A stdout that
// is a [sync.Locker] is held for the whole of b.
func writeOut(stdout io.Writer, b []byte, act *activity) error {
	if l, ok := stdout.(sync.Locker); ok {
		l.Lock()
		defer l.Unlock()
	}
	for len(b) > 0 {
		n := min(len(b), outPiece)
		if _, err := stdout.Write(b[:n]); err != nil {
			return err
		}
		act.touch()
		b = b[n:]
	}
	return nil
}

// serialOut is stdout under -k and -w: a client given up on while stdout
// was stuck may still be writing when the next one starts, and its bytes
// must come out first, whole (see [writeOut]).
type serialOut struct {
	sync.Mutex
	io.Writer
}

// isPeerGone reports a write that failed because the peer closed or reset
// the connection, which ends the relay without an error, as in nc. Windows
// says so with its own codes (WSAECONNRESET, or WSAECONNABORTED when its
// stack dropped the connection after the reset), seen here as POSIX's.
func isPeerGone(err error) bool {
	err = netops.Portable(err)
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, net.ErrClosed)
}

// udpRefused reads the ECONNREFUSED a UDP socket gets from an ICMP "port
// unreachable": nc exits 0 without a word, 1 with -v (still silent).
func udpRefused(o *options, err error) (status int, ok bool) {
	if !o.udp || !errors.Is(netops.Portable(err), syscall.ECONNREFUSED) {
		return 0, false
	}
	if o.verbose {
		return 1, true
	}
	return 0, true
}

// fail prints err, from stdin, stdout or the connection, as one
// `socklab nc:` line in the catalog's words and returns status 1.
func fail(stderr io.Writer, err error) int {
	key := "nc.conn_failed"
	var pe *os.PathError // the files' errors: the connection's are *net.OpError
	if errors.As(err, &pe) && (pe.Op == "read" || pe.Op == "write") {
		key, err = "nc.stdout_failed", pe.Err
		if pe.Op == "read" {
			key = "nc.stdin_failed"
		}
	}
	fmt.Fprintf(stderr, "socklab nc: %s\n", words.T(key, cause(err)))
	if key == "nc.conn_failed" {
		hint(stderr, err, "")
	}
	return 1
}
