package repl

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/tlsx"
	"github.com/socklab/socklab/words"
)

// tlsFlags are the TLS options of connect and listen.
var (
	connectTLSFlags = []Flag{{Name: "tls"}, {Name: "insecure"}, {Name: "servername", Value: "NAME"}, {Name: "ca", Value: "FILE"}}
	listenTLSFlags  = []Flag{{Name: "tls"}, {Name: "cert", Value: "FILE"}, {Name: "key", Value: "FILE"}}
)

// checkTLSFlags refuses TLS options without --tls, and TLS over UDP.
func checkTLSFlags(a *Args, proto string, flags []Flag) error {
	if !a.Has("tls") {
		for _, f := range flags[1:] {
			if a.Has(f.Name) {
				return usageT(a.Command, "tls.flags_need_tls", "--"+f.Name)
			}
		}
		return nil
	}
	if strings.HasPrefix(proto, "udp") {
		return usageT(a.Command, "tls.udp")
	}
	if a.Has("cert") != a.Has("key") {
		return usageT(a.Command, "tls.cert_key")
	}
	return nil
}

// clientConfig reads connect --tls's files (the CA) before anything is
// dialled, so a bad file costs no connection.
func clientConfig(a *Args, addr string) (*tls.Config, error) {
	host, _, _ := net.SplitHostPort(addr)
	return tlsx.Client(tlsx.ClientOptions{
		Verify: !a.Has("insecure"), ServerName: a.String("servername"), CAFile: a.String("ca"), Host: host,
	})
}

// clientTLS runs connect --tls's handshake on sock and tells what was agreed.
func (s *Session) clientTLS(ctx context.Context, a *Args, sock *netops.Socket, cfg *tls.Config) error {
	if id := s.ownTLSListener(sock.RemoteAddr()); id > 0 { // a name that led to it
		sock.Close()
		s.Event(sock.ID, "%s", words.T("sock.closed"))
		return errors.New(words.T("tls.self", id))
	}
	st, err := sock.StartTLS(ctx, cfg, false, a.Timeout)
	if err != nil {
		if reason, ok := tlsx.VerifyError(err); ok {
			s.Event(sock.ID, "%s", tlsWhy(reason))
		}
		return s.tlsFailed(ctx, sock, err, false)
	}
	s.showTLS(sock.ID, tlsx.FactsOf(st, cfg, true), a.Has("insecure"))
	return nil
}

// ownTLSListener returns the id of this shell's listen --tls listener
// that a connection to addr reaches, or 0. Its side of the handshake runs
// at accept, which this shell cannot run while connect waits for it.
func (s *Session) ownTLSListener(addr string) int {
	rh, rp, err := net.SplitHostPort(addr)
	if err != nil {
		return 0
	}
	v4 := net.ParseIP(rh).To4() != nil
	for _, l := range s.table.List() {
		if _, ok := s.tlsListen.Load(l.ID); !ok || l.Kind != netops.KindListener {
			continue
		}
		lh, lp, err := net.SplitHostPort(l.LocalAddr())
		if err == nil && lp == rp && (lh == rh || lh == "::" || (lh == "0.0.0.0" && v4)) {
			return l.ID
		}
	}
	return 0
}

// tlsFailed closes sock, whose handshake (as the server, or the client)
// failed with err, and returns err with what to do about it. The
// connection cannot carry data any more: the handshake took the peer's
// first bytes, or ended by closing it (a timeout, Ctrl-C), and leaving it
// in the table would show a socket whose recv says only that it is closed.
func (s *Session) tlsFailed(ctx context.Context, sock *netops.Socket, err error, server bool) error {
	var ie *netops.InputError
	if errors.As(err, &ie) || errors.Is(err, netops.ErrWrongKind) {
		return err // refused before any handshake: the socket is as it was
	}
	sock.Close()
	s.Event(sock.ID, "%s", words.T("tls.closed"))
	var rh tls.RecordHeaderError
	switch {
	case errors.Is(err, netops.ErrTimeout):
		return withHint(err, words.T("hint.tls_timeout"))
	case server && !errors.As(err, &rh) && ctx.Err() == nil: // the client ended it: an alert, a bad record, EOF
		return withHint(err, words.T("hint.tls_client_left"))
	}
	return err
}

// serverTLS makes listen --tls's configuration: the files given, or a
// self-signed certificate whose fingerprint is shown.
func (s *Session) serverTLS(a *Args) (*tls.Config, error) {
	cfg, leaf, err := tlsx.Server(a.String("cert"), a.String("key"))
	if err != nil {
		return nil, err
	}
	if !a.Has("cert") {
		s.Printf("%s", words.T("tls.selfsigned", tlsx.Fingerprint(leaf)))
	}
	return cfg, nil
}

// showTLS prints the handshake's outcome; with explain on, all its facts.
func (s *Session) showTLS(id int, f tlsx.Facts, insecure bool) {
	s.Event(id, "%s", words.T("tls.session", f.Version, f.CipherSuite))
	if !s.teach().explain.Load() {
		return
	}
	if f.Peer != nil {
		const day = "2006-01-02"
		s.Printf("  %s", words.T("tls.peer", f.Peer.Subject, f.Peer.Issuer, f.Peer.NotBefore.Format(day), f.Peer.NotAfter.Format(day)))
	}
	if f.ALPN != "" {
		s.Printf("  %s", words.T("tls.alpn", f.ALPN))
	}
	switch {
	case f.Checked && !insecure:
		s.Printf("  %s", words.T("tls.verified", f.ServerName))
	case f.Checked && f.Verify != nil:
		s.Printf("  %s", words.T("tls.not_verified", tlsWhy(f.Verify)))
	case f.Checked:
		s.Printf("  %s", words.T("tls.would_pass"))
	}
	s.Printf("  %s", words.T("tls.explain", id))
}

// tlsWhy says why a certificate failed verification.
func tlsWhy(err error) string {
	switch tlsx.Failure(err) {
	case "unknown authority":
		return words.T("tls.why.authority")
	case "name mismatch":
		return words.T("tls.why.name")
	case "expired":
		return words.T("tls.why.expired")
	case "not yet valid":
		return words.T("tls.why.notyet")
	}
	return words.T("tls.why.other", err)
}
