package netcat

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/tlsx"
	"github.com/socklab/socklab/words"
)

// clientConfig reads the client's TLS files (CA, certificate and key)
// before anything is dialled, as ncat does: a bad file costs no connection.
// A failure is reported on stderr.
func clientConfig(o *options, stderr io.Writer) (*tls.Config, error) {
	cfg, err := tlsx.Client(tlsx.ClientOptions{
		Verify: o.tls.verify, ServerName: o.tls.servername, CAFile: o.tls.trust, Host: o.host,
	})
	if err != nil {
		fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.tls_files", say.Error(err)))
		return nil, errHandshake
	}
	if o.tls.cert != "" {
		cert, err := tls.LoadX509KeyPair(o.tls.cert, o.tls.key)
		if err != nil {
			fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.tls_files", say.Error(err)))
			return nil, errHandshake
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// handshake runs a TLS handshake, bounded by -w and ctx, and with -v
// prints what was agreed. A failure is reported on stderr.
func handshake(ctx context.Context, o *options, tc *tls.Conn, raw net.Conn, cfg *tls.Config, client bool, stderr io.Writer) (*netops.TLSConn, error) {
	hctx := ctx
	if o.timeout > 0 {
		var cancel context.CancelFunc
		hctx, cancel = context.WithTimeout(ctx, o.timeout)
		defer cancel()
	}
	if err := tc.HandshakeContext(hctx); err != nil {
		if ctx.Err() == nil {
			who := o.host
			if !client {
				who = raw.RemoteAddr().String()
			}
			fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.tls_failed", who, cause(err)))
		}
		return nil, errHandshake
	}
	if o.verbose {
		f := tlsx.FactsOf(tc.ConnectionState(), cfg, client)
		peer := "-"
		if f.Peer != nil {
			peer = f.Peer.Subject
		}
		fmt.Fprintf(stderr, "socklab nc: %s\n", words.T("nc.tls_session", f.Version, f.CipherSuite, peer))
	}
	return &netops.TLSConn{Conn: tc}, nil
}
