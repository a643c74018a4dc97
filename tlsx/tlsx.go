// Package tlsx holds socklab's TLS: client and server configurations built
// on crypto/tls, a self-signed certificate for a session, and the facts of
// a finished handshake (version, cipher suite, ALPN, the peer's certificate
// and why it failed verification) for the layers above to narrate. Like
// netops it returns facts, never prose.
package tlsx

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"strings"
	"time"
)

// ClientOptions choose how a client checks the server.
type ClientOptions struct {
	Verify     bool   // check the chain and the name; false: accept any certificate
	ServerName string // the name sent (SNI) and checked; "" for the host dialled
	CAFile     string // PEM file of the CAs to trust instead of the system's
	Host       string // the host dialled, the default ServerName
}

// ErrNoCA is returned when a CA file holds no certificate.
var ErrNoCA = errors.New("no PEM certificate in the CA file")

// Client returns a client configuration. Without Verify the chain is still
// checked after the handshake, so [Facts] can tell why it would have failed.
func Client(o ClientOptions) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: o.ServerName}
	if cfg.ServerName == "" {
		cfg.ServerName = o.Host
	}
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: %w", o.CAFile, ErrNoCA)
		}
		cfg.RootCAs = pool
	}
	cfg.InsecureSkipVerify = !o.Verify
	return cfg, nil
}

// Server returns a server configuration from PEM files, or with a
// self-signed certificate for localhost when certFile is "". The
// certificate in use is returned for its fingerprint.
func Server(certFile, keyFile string) (*tls.Config, *x509.Certificate, error) {
	var cert tls.Certificate
	var err error
	if certFile == "" {
		cert, err = SelfSigned()
	} else {
		cert, err = tls.LoadX509KeyPair(certFile, keyFile)
	}
	if err != nil {
		return nil, nil, err
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		return nil, nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}}, leaf, nil
}

// SelfSigned makes an ECDSA P-256 certificate for localhost, 127.0.0.1 and
// ::1, valid from an hour ago for a week.
func SelfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "localhost", Organization: []string{"socklab session"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// Fingerprint is the SHA-256 of a certificate as colon-separated hex, as
// openssl x509 -fingerprint -sha256 prints it.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	var b strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+2])
	}
	return b.String()
}
