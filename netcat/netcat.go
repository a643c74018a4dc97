package netcat

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// Exit statuses of [Main].
const (
	statusUsage       = 2
	statusInterrupted = 130
)

// Main runs netcat mode with nc's arguments (without the leading "nc") and
// returns the exit status: 0 when all went well, 1 when the connection
// failed (refused, timed out, or a -z scan found no open port), 2 for bad
// usage or a netcat flag socklab does not support, 130 when ctx was
// cancelled (SIGINT). Verbose and error lines go to stderr; stdout carries
// only the bytes received.
//
// The package documentation describes what happens at end of input.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "socklab nc: %v\n", err)
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(stderr, words.T("nc.usage"))
		}
		return statusUsage
	}
	if o.help {
		fmt.Fprint(stdout, words.T("nc.help", words.T("nc.usage")))
		return 0
	}
	if o.scan {
		return scan(ctx, o, stderr)
	}
	ignoreSIGPIPE()
	in := newInput(stdin, o)
	if o.listen {
		return serve(ctx, o, in, stdout, stderr)
	}
	port := ""
	if !o.unix {
		port = o.ports[0]
	}
	var cfg *tls.Config
	if o.tls.on {
		if cfg, err = clientConfig(o, stderr); err != nil {
			return 1
		}
	}
	c, err := dial(ctx, o, port)
	if err != nil {
		if ctx.Err() != nil {
			return statusInterrupted
		}
		if o.unix {
			fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.unix_failed", o.host, cause(err)))
		} else {
			fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.connect_failed", o.host, port, proto(o), cause(err)))
			hint(stderr, err, net.JoinHostPort(o.host, port))
		}
		return 1
	}
	if o.verbose && !o.udp {
		connected(stderr, o, port, c.RemoteAddr())
	}
	if cfg != nil {
		tc, err := handshake(ctx, o, tls.Client(c, cfg), c, cfg, true, stderr)
		if err != nil {
			if ctx.Err() != nil {
				return statusInterrupted
			}
			return 1
		}
		return relay(ctx, o, tc, in, stdout, stderr)
	}
	return relay(ctx, o, c, in, stdout, stderr)
}

// cause strips the *net.OpError and *os.SyscallError layers off err, so
// "connection refused" reads as nc's message does (on Windows too), said in
// the catalog's words (package say) in the language chosen.
func cause(err error) error {
	for {
		var oe *net.OpError
		var se *os.SyscallError
		switch {
		case errors.As(err, &oe) && oe.Err != nil && oe.Err != err:
			err = oe.Err
		case errors.As(err, &se) && se.Err != nil && se.Err != err:
			err = se.Err
		default:
			var de *net.DNSError
			var ne net.Error
			if errors.As(err, &de) {
				return errors.New(say.Error(de))
			}
			if errors.As(err, &ne) && ne.Timeout() {
				return errors.New(words.T("nc.timed_out"))
			}
			return errors.New(say.Error(netops.Portable(err))) // Windows' codes in POSIX words, as nc says them
		}
	}
}
