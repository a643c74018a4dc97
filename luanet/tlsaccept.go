package luanet

import (
	"context"
	"net"
	"sync"
	"time"

	"github.com/socklab/socklab/netops"
)

// A TLS listener's clients make their handshakes side by side, as the
// shell's relay --tls-listen does, so that a client that connects and says
// nothing holds up no other. From the script's first accept on, one
// goroutine (the acceptor) accepts clients and runs each one's handshake
// in a goroutine of its own; accept takes a client whose handshake is done.
// All of them are workers of the run (sched.ops) and touch no Lua state:
// closing the listener, or the end of the run, ends them and closes the
// clients they hold.

// maxHandshakes bounds the clients a TLS listener holds between the
// kernel's accept and the script's: in their handshake, or done with it
// and waiting for an accept. Further clients wait in the kernel's backlog.
// (A variable for tests.)
var maxHandshakes = 64

// handshakeTimeout bounds each client's handshake; a client that fails
// it is closed and never seen by the script.
const handshakeTimeout = 10 * time.Second

// handshakes is a TLS listener's acceptor.
type handshakes struct {
	once  sync.Once
	room  chan struct{}       // a token per client held (maxHandshakes)
	ready chan *netops.Socket // hands a client whose handshake is done to an accept
	done  chan struct{}       // closed when the acceptor has ended; err says why
	err   error
}

func newHandshakes() *handshakes {
	return &handshakes{room: make(chan struct{}, maxHandshakes), ready: make(chan *netops.Socket), done: make(chan struct{})}
}

// acceptTLS takes a client of TLS listener sk whose handshake is done, by
// dl (zero: no limit); the first call starts the acceptor.
func (e *engine) acceptTLS(ctx context.Context, sk *sock, dl time.Time) result {
	h := sk.hs
	h.once.Do(func() {
		e.s.ops.Add(1) // (from a worker: the count is not zero)
		go e.acceptor(sk)
	})
	tc, stopTimer := until(dl)
	defer stopTimer()
	select {
	case ns := <-h.ready:
		return e.made(&sock{ns: ns, slot: sk.slots, limit: sk.limit})
	case <-h.done:
		return failErr(h.err)
	case <-ctx.Done():
		return failErr(ctx.Err())
	case <-tc:
		return failErr(netops.ErrTimeout)
	}
}

// acceptor accepts sk's clients and starts their handshakes until the
// listener closes or the run ends; then it ends the handshakes.
func (e *engine) acceptor(sk *sock) {
	h := sk.hs
	ctx, cancel := context.WithCancel(e.ctx)
	defer e.s.ops.Done()
	defer close(h.done)
	defer cancel() // ends the handshakes and the handoffs under way
	for {
		ns, err := e.nextClient(ctx, sk)
		if err != nil {
			h.err = err
			return
		}
		e.s.ops.Add(1)
		go e.handshake(ctx, sk, ns)
	}
}

// nextClient waits for room for one more handshake and a client slot
// (max_clients), then accepts a client.
func (e *engine) nextClient(ctx context.Context, sk *sock) (*netops.Socket, error) {
	h := sk.hs
	select {
	case h.room <- struct{}{}:
	case <-sk.ns.Done():
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	err := e.takeSlot(ctx, sk, time.Time{}, sk.ns.Done())
	var ns *netops.Socket
	if err == nil {
		if ns, err = e.acceptOne(ctx, sk, time.Time{}); err != nil {
			e.releaseSlot(sk.slots)
		}
	}
	if err != nil {
		<-h.room
	}
	return ns, err
}

// handshake runs client ns's handshake and hands it to an accept; a client
// that fails it, or that no accept took before the acceptor ended, is
// closed.
func (e *engine) handshake(ctx context.Context, sk *sock, ns *netops.Socket) {
	h := sk.hs
	defer e.s.ops.Done()
	defer func() { <-h.room }()
	if _, err := ns.StartTLS(ctx, sk.tls, true, handshakeTimeout); err == nil {
		select {
		case h.ready <- ns:
			return
		case <-ctx.Done():
		}
	}
	ns.Close()
	e.releaseSlot(sk.slots)
}
