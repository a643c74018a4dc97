package relay

import (
	"net"
	"testing"
	"time"
)

// TestRelayBoundsPairs: while MaxPairs pairs run, the next client waits in
// the listen backlog and the target is not dialled for it; once one pair
// ends (its client resets), it is relayed.
func TestRelayBoundsPairs(t *testing.T) {
	target, dialled := targetServer(t, MaxPairs+1)
	evs := runRelay(t, Config{Listen: "127.0.0.1:0", Target: target})
	addr := nextEvent(t, evs, Listening).Addr
	go func() { // Events must not block the relay
		for range evs {
		}
	}()
	var clients []net.Conn
	for range MaxPairs + 1 {
		c, err := net.DialTimeout("tcp", addr, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		clients = append(clients, c)
	}
	var held []net.Conn
	t.Cleanup(func() {
		for _, c := range held {
			c.Close()
		}
	})
	deadline := time.After(20 * time.Second)
	for i := range MaxPairs {
		select {
		case c := <-dialled:
			held = append(held, c)
		case <-deadline:
			t.Fatalf("the target was dialled %d times, want %d", i, MaxPairs)
		}
	}
	select {
	case <-dialled:
		t.Fatalf("the target was dialled for client %d while %d pairs ran", MaxPairs+1, MaxPairs)
	case <-time.After(200 * time.Millisecond): // what is being checked: nothing happens
	}
	clients[0].(*net.TCPConn).SetLinger(0) // a reset ends its pair at once (a FIN would wait for the target's)
	clients[0].Close()
	select {
	case c := <-dialled:
		c.Close()
	case <-time.After(10 * time.Second):
		t.Fatal("the waiting client was not relayed once a pair ended")
	}
}
