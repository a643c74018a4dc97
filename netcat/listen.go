package netcat

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/tlsx"
	"github.com/socklab/socklab/words"
)

// listenAddr is where -l listens, by nc's rule: no host means 0.0.0.0
// (IPv4, every interface), or :: with -6, which also accepts IPv4 clients
// (IPV6_V6ONLY off, as nc leaves it).
func listenAddr(o *options) (network, addr string) {
	if o.unix {
		return "unix", o.host
	}
	host := o.host
	if host == "" {
		host = "0.0.0.0"
		if o.family == "6" {
			host = "::"
		}
	}
	network = proto(o) + o.family
	if o.family == "" {
		if ip := net.ParseIP(host); ip != nil && ip.To4() != nil {
			network += "4"
		}
	}
	return network, net.JoinHostPort(host, o.ports[0])
}

// listenConfig turns IPV6_V6ONLY off for -6, as nc does not set it.
func listenConfig(o *options) net.ListenConfig {
	var lc net.ListenConfig
	if o.family == "6" {
		lc.Control = func(_, _ string, c syscall.RawConn) error {
			var err error
			c.Control(func(fd uintptr) { err = dualStack(fd) })
			return err
		}
	}
	return lc
}

// serve runs -l: it listens, then serves one client at a time, the next
// one only with -k, exactly like nc. It returns the exit status.
func serve(ctx context.Context, o *options, in *input, stdout, stderr io.Writer) int {
	network, addr := listenAddr(o)
	if o.udp {
		return serveUDP(ctx, o, network, addr, in, stdout, stderr)
	}
	if o.keep && o.timeout > 0 {
		stdout = &serialOut{Writer: stdout}
	}
	var cfg *tls.Config
	if o.tls.on {
		var leaf any
		var err error
		cfg, leaf, err = serverTLS(o)
		if err != nil {
			fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.tls_files", say.Error(err)))
			return 1
		}
		if o.tls.cert == "" {
			fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.tls_selfsigned", leaf))
		}
	}
	lc := listenConfig(o)
	ln, err := lc.Listen(ctx, network, addr)
	if err != nil {
		return listenFailed(stderr, o, addr, err)
	}
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	defer ln.Close() // a unix listener removes the socket file it made
	if o.verbose {
		listening(stderr, o, ln.Addr())
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
			received(stderr, o, c.RemoteAddr())
		}
		status := 0
		if cfg != nil {
			var tc *netops.TLSConn
			tc, err = handshake(ctx, o, tls.Server(c, cfg), c, cfg, false, stderr)
			if err == nil {
				status = relay(ctx, o, tc, in, stdout, stderr)
			} else {
				c.Close()
				status = 1
			}
		} else {
			status = relay(ctx, o, c, in, stdout, stderr)
		}
		if ctx.Err() != nil {
			return statusInterrupted
		}
		if !o.keep {
			return status
		}
	}
}

// listenFailed says why -l could not listen on addr, as one `socklab nc:`
// line in the catalog's words, and returns status 1.
func listenFailed(stderr io.Writer, o *options, addr string, err error) int {
	msg := words.T("nc.unix_listen_failed", addr, cause(err))
	if !o.unix {
		host, port, _ := net.SplitHostPort(addr)
		msg = words.T("nc.listen_failed", host, port, proto(o), cause(err))
	}
	fmt.Fprintf(stderr, "socklab nc: %s\n", msg)
	return 1
}

// serverTLS is the listener's TLS configuration and the fingerprint of its
// certificate.
func serverTLS(o *options) (*tls.Config, any, error) {
	cfg, leaf, err := tlsx.Server(o.tls.cert, o.tls.key)
	if err != nil {
		return nil, nil, err
	}
	return cfg, tlsx.Fingerprint(leaf), nil
}

// serveUDP runs -u -l: the first datagram fixes the peer (as nc connects
// its socket to it); with -k replies go to whoever sent last.
func serveUDP(ctx context.Context, o *options, network, addr string, in *input, stdout, stderr io.Writer) int {
	lc := listenConfig(o)
	pc, err := lc.ListenPacket(ctx, network, addr)
	if err != nil {
		return listenFailed(stderr, o, addr, err)
	}
	if o.verbose {
		listening(stderr, o, pc.LocalAddr())
	}
	return relay(ctx, o, &udpPeer{pc: pc, o: o, stderr: stderr}, in, stdout, stderr)
}

// errHandshake marks a failed handshake already reported.
var errHandshake = errors.New("handshake failed")
