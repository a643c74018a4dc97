package netcat

import (
	"io"
	"net"
	"sync"
)

// udpPeer turns a listening UDP socket into a connection with one peer:
// the sender of the first datagram, or with follow the latest sender.
// Datagrams from other addresses are dropped, as on nc's connected socket.
type udpPeer struct {
	pc     net.PacketConn
	o      *options // -k: follow the latest sender; -v: say who
	stderr io.Writer

	mu    sync.Mutex
	peer  net.Addr
	known chan struct{} // closed once peer is set
	once  sync.Once
}

func (u *udpPeer) init() { u.known = make(chan struct{}) }

// Read returns the next datagram from the peer.
func (u *udpPeer) Read(b []byte) (int, error) {
	u.once.Do(u.init)
	for {
		n, from, err := u.pc.ReadFrom(b)
		if err != nil {
			return n, err
		}
		u.mu.Lock()
		first := u.peer == nil
		if first || u.o.keep {
			u.peer = from
		}
		same := u.peer.String() == from.String()
		u.mu.Unlock()
		if first {
			if u.o.verbose {
				received(u.stderr, u.o, from)
			}
			close(u.known)
		}
		if same {
			return n, nil
		}
	}
}

// Write sends b as one datagram to the peer, waiting until there is one.
func (u *udpPeer) Write(b []byte) (int, error) {
	u.once.Do(u.init)
	<-u.known
	u.mu.Lock()
	to := u.peer
	u.mu.Unlock()
	return u.pc.WriteTo(b, to)
}

// Close closes the socket; a Write still waiting for a peer is released.
func (u *udpPeer) Close() error {
	u.once.Do(u.init)
	err := u.pc.Close()
	u.mu.Lock()
	if u.peer == nil {
		u.peer = u.pc.LocalAddr()
		close(u.known)
	}
	u.mu.Unlock()
	return err
}
