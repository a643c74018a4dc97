package netcat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/socklab/socklab/words"
)

// portRange reads "80", "http" or "20-30" (inclusive) into lo and hi.
func portRange(p string) (lo, hi int, err error) {
	if a, b, ok := strings.Cut(p, "-"); ok {
		lo, err1 := strconv.Atoi(a)
		hi, err2 := strconv.Atoi(b)
		if err1 == nil && err2 == nil {
			if lo < 0 || hi > 65535 || lo > hi {
				return 0, 0, errors.New(words.T("nc.range_bad"))
			}
			return lo, hi, nil
		}
	}
	if err := checkPort(p); err != nil {
		return 0, 0, err
	}
	n, err := net.LookupPort("tcp", p)
	if err != nil {
		return 0, 0, errors.New(words.T("nc.unknown_service"))
	}
	return n, n, nil
}

// scan runs -z: it connects to every port given and reports which accept.
// The status is 0 when at least one port is open, as in nc.
func scan(ctx context.Context, o *options, stderr io.Writer) int {
	status := 1
	for _, p := range o.ports {
		lo, hi, _ := portRange(p) // checked by parseArgs
		for port := lo; port <= hi; port++ {
			remote, err := probe(ctx, o, port) // fails at once once ctx has ended
			switch {
			case ctx.Err() != nil:
				return statusInterrupted // Ctrl-C: no "failed" line for the probe it cut short
			case err == nil:
				status = 0
				if o.verbose {
					connected(stderr, o, strconv.Itoa(port), remote)
				}
			case o.verbose:
				fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.connect_failed", o.host, strconv.Itoa(port), proto(o), cause(err)))
			}
		}
	}
	return status
}

// probe connects to one port. For UDP, where connecting proves nothing, it
// sends one byte and calls the port open unless an ICMP "port unreachable"
// comes back (read as ECONNREFUSED) within the wait.
func probe(ctx context.Context, o *options, port int) (net.Addr, error) {
	c, err := dial(ctx, o, strconv.Itoa(port))
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if !o.udp {
		return c.RemoteAddr(), nil
	}
	if _, err := c.Write([]byte("X")); err != nil {
		return nil, err
	}
	wait := 200 * time.Millisecond
	if o.timeout > 0 {
		wait = o.timeout
	}
	c.SetReadDeadline(time.Now().Add(wait))
	_, err = c.Read(make([]byte, 1))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return c.RemoteAddr(), nil
	}
	return nil, err
}

func proto(o *options) string {
	if o.udp {
		return "udp"
	}
	return "tcp"
}
