package netops

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"time"
)

// StartTLS runs a TLS handshake over the connected TCP socket s (as the
// client, or the server when server is set) and from then on sends and
// receives through TLS: TLS runs on top of the TCP connection, whose
// descriptor and kernel state stay those of s. Bytes received before the
// handshake and not yet read would be lost to it: StartTLS then fails with
// an [*InputError] (What "tls", Want "unread"). A handshake that timeout
// ended fails with a [*TimeoutError].
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
		if timeout > 0 && ctx.Err() == nil && hctx.Err() != nil {
			err = &TimeoutError{After: timeout}
		}
		return c.ConnectionState(), opErr("tls", s, "", err)
	}
	s.conn = &TLSConn{c}
	return c.ConnectionState(), nil
}

// TLS reports whether s speaks TLS, with the state of its handshake.
func (s *Socket) TLS() (tls.ConnectionState, bool) {
	if c, ok := s.conn.(*TLSConn); ok {
		return c.ConnectionState(), true
	}
	return tls.ConnectionState{}, false
}

// TLSConn is a TLS connection that half-closes like the connection under
// it: CloseWrite sends close_notify and then that connection's FIN (a peer
// that reads the socket, nc or a program that ignores TLS alerts, would
// otherwise wait), CloseRead shuts its reading side. Its descriptor is the
// connection's.
type TLSConn struct{ *tls.Conn }

// CloseWrite sends close_notify, then FIN.
func (c *TLSConn) CloseWrite() error {
	err := c.Conn.CloseWrite()
	if e := CloseWrite(c.NetConn()); err == nil {
		err = e
	}
	return err
}

// CloseRead shuts the reading side of the connection under c.
func (c *TLSConn) CloseRead() error {
	if cr, ok := c.NetConn().(interface{ CloseRead() error }); ok {
		return cr.CloseRead()
	}
	return nil
}

// CloseWrite shuts c's sending side (shutdown(SHUT_WR): the peer reads the
// end of the stream) where c has one, a TCP or UNIX-domain connection or a
// [TLSConn]; elsewhere it does nothing.
func CloseWrite(c any) error {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// IgnoreClosed drops the error of an operation on a connection that was
// closed on this side meanwhile (net.ErrClosed): the closer meant it.
func IgnoreClosed(err error) error {
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}
