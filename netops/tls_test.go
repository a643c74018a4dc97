package netops

import (
	"crypto/tls"
	"io"
	"net"
	"testing"
	"time"

	"github.com/socklab/socklab/tlsx/tlsxtest"
)

// TestTLSConnCloseWriteSendsFIN: a TLSConn's CloseWrite sends close_notify
// and then the TCP FIN, so that a peer reading the raw connection (not
// TLS) reaches the end of the stream instead of waiting.
func TestTLSConnCloseWriteSendsFIN(t *testing.T) {
	_, certFile, keyFile := tlsxtest.PKI(t)
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	raw := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			raw <- nil
			return
		}
		c.SetDeadline(time.Now().Add(testTimeout))
		tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert}}).Handshake()
		raw <- c // from here on only the test reads c, raw
	}()
	c, err := net.DialTimeout("tcp", ln.Addr().String(), testTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tc := &TLSConn{tls.Client(c, &tls.Config{InsecureSkipVerify: true})}
	tc.SetDeadline(time.Now().Add(testTimeout))
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	s := <-raw
	if s == nil {
		t.Fatal("no connection accepted")
	}
	defer s.Close()
	if err := tc.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	s.SetReadDeadline(time.Now().Add(testTimeout))
	if b, err := io.ReadAll(s); err != nil || len(b) == 0 {
		t.Fatalf("the raw peer read %d bytes (close_notify expected), then %v (the end of the stream expected)", len(b), err)
	}
}
