package tlsx

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"time"
)

// Facts describe a finished handshake.
type Facts struct {
	Version     string // "TLS 1.3"
	CipherSuite string // "TLS_AES_128_GCM_SHA256"
	ALPN        string // the protocol agreed, "" for none
	ServerName  string // SNI: the name the client asked for
	Resumed     bool
	Peer        *Cert // the peer's leaf certificate; nil when it sent none
	// Verify is the outcome of checking the peer's chain and name against
	// the trusted CAs: nil when it passed, the reason when it failed (also
	// when the check was skipped and the handshake went on anyway).
	Verify error
	// Checked reports that a chain check was made (clients only).
	Checked bool
}

// Cert is what a person wants to know of a certificate.
type Cert struct {
	Subject, Issuer     string
	NotBefore, NotAfter time.Time
	DNSNames            []string
	IPs                 []string
	Fingerprint         string // SHA-256, colon-separated hex
	SelfSigned          bool
}

// Failure names why a chain failed verification, as a token: "unknown
// authority", "name mismatch", "expired", "not yet valid", "other".
func Failure(err error) string {
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ua):
		return "unknown authority"
	case errors.As(err, &he):
		return "name mismatch"
	case errors.As(err, &ci) && ci.Reason == x509.Expired:
		if time.Now().Before(ci.Cert.NotBefore) {
			return "not yet valid"
		}
		return "expired"
	}
	return "other"
}

// FactsOf reads a finished handshake. For a client, cfg is its
// configuration (with the roots and the name it checks against); the chain
// is checked here when the handshake skipped it, so the facts say whether
// it would have passed.
func FactsOf(cs tls.ConnectionState, cfg *tls.Config, client bool) Facts {
	f := Facts{
		Version:     tls.VersionName(cs.Version),
		CipherSuite: tls.CipherSuiteName(cs.CipherSuite),
		ALPN:        cs.NegotiatedProtocol,
		ServerName:  cs.ServerName,
		Resumed:     cs.DidResume,
	}
	if len(cs.PeerCertificates) == 0 {
		return f
	}
	leaf := cs.PeerCertificates[0]
	f.Peer = certOf(leaf)
	if client && cfg != nil {
		if f.ServerName == "" {
			f.ServerName = cfg.ServerName
		}
		f.Checked = true
		f.Verify = verify(cs.PeerCertificates, cfg)
	}
	return f
}

// VerifyError returns the reason a handshake failed verification, when it
// did; ok is false for any other failure.
func VerifyError(err error) (reason error, ok bool) {
	var ve *tls.CertificateVerificationError
	if errors.As(err, &ve) {
		return ve.Err, true
	}
	return nil, false
}

func verify(chain []*x509.Certificate, cfg *tls.Config) error {
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	_, err := chain[0].Verify(x509.VerifyOptions{
		DNSName:       cfg.ServerName,
		Roots:         cfg.RootCAs,
		Intermediates: inter,
	})
	return err
}

func certOf(c *x509.Certificate) *Cert {
	out := &Cert{
		Subject:     c.Subject.String(),
		Issuer:      c.Issuer.String(),
		NotBefore:   c.NotBefore,
		NotAfter:    c.NotAfter,
		DNSNames:    c.DNSNames,
		Fingerprint: Fingerprint(c),
		SelfSigned:  c.CheckSignatureFrom(c) == nil,
	}
	for _, ip := range c.IPAddresses {
		out.IPs = append(out.IPs, ip.String())
	}
	return out
}
