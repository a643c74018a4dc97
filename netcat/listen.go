package netcat

import (
	"context"
	"fmt"
	"io"
	"net"
)

// serve runs -l: it listens, then serves one client at a time, the next
// one only with -k, exactly like nc. It returns the exit status.
func serve(ctx context.Context, o *options, in *input, stdout, stderr io.Writer) int {
	addr := net.JoinHostPort(o.host, o.ports[0])
	if o.udp {
		return serveUDP(ctx, o, addr, in, stdout, stderr)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, network(o), addr)
	if err != nil {
		return fail(stderr, err)
	}
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	defer ln.Close()
	if o.verbose {
		fmt.Fprintf(stderr, "Listening on %s\n", hostPort(ln.Addr()))
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return statusInterrupted
			}
			return fail(stderr, err)
		}
		if !o.keep {
			ln.Close()
		}
		if o.verbose {
			fmt.Fprintf(stderr, "Connection received on %s\n", hostPort(c.RemoteAddr()))
		}
		status := relay(ctx, o, c, in, stdout, stderr)
		if ctx.Err() != nil {
			return statusInterrupted
		}
		if !o.keep {
			return status
		}
	}
}

// serveUDP runs -u -l: the first datagram fixes the peer (as nc connects
// its socket to it); with -k replies go to whoever sent last.
func serveUDP(ctx context.Context, o *options, addr string, in *input, stdout, stderr io.Writer) int {
	var lc net.ListenConfig
	pc, err := lc.ListenPacket(ctx, network(o), addr)
	if err != nil {
		return fail(stderr, err)
	}
	if o.verbose {
		fmt.Fprintf(stderr, "Bound on %s\n", hostPort(pc.LocalAddr()))
	}
	return relay(ctx, o, &udpPeer{pc: pc, follow: o.keep, verbose: o.verbose, stderr: stderr}, in, stdout, stderr)
}

// hostPort prints an address the way nc does: "HOST PORT".
func hostPort(a net.Addr) string {
	h, p, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return h + " " + p
}
