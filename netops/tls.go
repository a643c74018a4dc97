package netops

import (
	"context"
	"crypto/tls"
	"net"
	"time"
)

// StartTLS runs a TLS handshake over the connected TCP socket s (as the
// client, or the server when server is set) and from then on sends and
// receives through TLS: TLS runs on top of the TCP connection, whose
// descriptor and kernel state stay those of s. Bytes received before the
// handshake and not yet read would be lost to it: StartTLS then fails with
// an [*InputError] (What "tls", Want "unread").
func (s *Socket) StartTLS(ctx context.Context, cfg *tls.Config, server bool, timeout time.Duration) (tls.ConnectionState, error) {
	tc, ok := s.conn.(*net.TCPConn)
	if !ok {
		if err := s.misuse("tls"); err != nil {
			return tls.ConnectionState{}, err
		}
		return tls.ConnectionState{}, opErr("tls", s, "", &KindError{Op: "tls", ID: s.ID, Kind: s.Kind, Need: "conn"})
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if len(s.buf) > 0 {
		return tls.ConnectionState{}, opErr("tls", s, "", &InputError{What: "tls", Want: "unread"})
	}
	var c *tls.Conn
	if server {
		c = tls.Server(tc, cfg)
	} else {
		c = tls.Client(tc, cfg)
	}
	hctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		hctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	if err := c.HandshakeContext(hctx); err != nil {
		return c.ConnectionState(), opErr("tls", s, "", err)
	}
	s.conn = &tlsConn{c}
	return c.ConnectionState(), nil
}

// TLS reports whether s speaks TLS, with the state of its handshake.
func (s *Socket) TLS() (tls.ConnectionState, bool) {
	if c, ok := s.conn.(*tlsConn); ok {
		return c.ConnectionState(), true
	}
	return tls.ConnectionState{}, false
}

// tlsConn is a TLS connection whose CloseWrite sends close_notify and then
// the TCP FIN, and whose descriptor is the TCP connection's.
type tlsConn struct{ *tls.Conn }

// CloseWrite sends close_notify, then FIN.
func (c *tlsConn) CloseWrite() error {
	err := c.Conn.CloseWrite()
	if e := c.NetConn().(*net.TCPConn).CloseWrite(); err == nil {
		err = e
	}
	return err
}

// CloseRead shuts the TCP connection's reading side.
func (c *tlsConn) CloseRead() error { return c.NetConn().(*net.TCPConn).CloseRead() }
