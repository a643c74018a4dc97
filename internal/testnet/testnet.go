// Package testnet holds what socklab's tests of several packages need to
// know about the machine they run on, and the peers they share.
package testnet

import (
	"net"
	"testing"
)

// UDPWorks reports whether UDP sockets can be opened here, and why not:
// under Wine 8 they cannot (Go calls WSAIoctl(SIO_UDP_NETRESET), which
// Wine 8 does not implement).
func UDPWorks() (bool, string) {
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return false, "UDP sockets cannot be opened here (" + err.Error() + "): Wine 8 lacks SIO_UDP_NETRESET"
	}
	c.Close()
	return true, ""
}

// NeedUDP skips a test where UDP sockets cannot be opened (see UDPWorks).
func NeedUDP(t testing.TB) {
	t.Helper()
	if ok, why := UDPWorks(); !ok {
		t.Skip(why)
	}
}

// ServeConn writes reply(chunk) back for each chunk c reads (1024 bytes
// at most, as the course's servers read), until c ends, then closes c: a
// test's echo server, or one that answers otherwise, a goroutine per
// connection.
func ServeConn(c net.Conn, reply func(chunk []byte) []byte) {
	defer c.Close()
	buf := make([]byte, 1024)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(reply(buf[:n])); err != nil {
			return
		}
	}
}

// Echo is the reply of an echo server, for [ServeConn].
func Echo(chunk []byte) []byte { return chunk }
