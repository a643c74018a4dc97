package netcat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
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

	status, sending, receiving := 0, true, true
	var quit <-chan time.Time
loop:
	for sending || receiving {
		select {
		case <-ctx.Done():
			status = statusInterrupted
			break loop
		case err := <-recvDone:
			receiving = false
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
				break loop
			}
		}
	}
	close(stop)
	c.Close()
	if receiving && status != statusInterrupted {
		<-recvDone // all received is written; not when stopped: stdout may never drain
	}
	if sending && waitSend {
		<-sendDone
	}
	return status
}

// receive copies c to stdout until EOF. A nil error means the peer closed
// its side; the error of a closed connection counts as nil.
func receive(o *options, c io.Reader, stdout io.Writer, act *activity) error {
	if f, ok := stdout.(*os.File); ok && act == nil {
		if tc, ok := c.(*net.TCPConn); ok {
			_, err := io.Copy(f, tc) // splice(2) on Linux
			return netops.IgnoreClosed(err)
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
			if _, werr := stdout.Write(buf[:n]); werr != nil {
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

// isPeerGone reports a write that failed because the peer closed or reset
// the connection, which ends the relay without an error, as in nc.
func isPeerGone(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, net.ErrClosed)
}

// udpRefused reads the ECONNREFUSED a UDP socket gets from an ICMP "port
// unreachable": nc exits 0 without a word, 1 with -v (still silent).
func udpRefused(o *options, err error) (status int, ok bool) {
	if !o.udp || !errors.Is(err, syscall.ECONNREFUSED) {
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
	return 1
}
