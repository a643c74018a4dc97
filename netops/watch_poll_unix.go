//go:build unix

package netops

// WatchWith is [Socket.Watch] through the poller p: a TCP connection is
// watched with no descriptor or thread of its own (one parked goroutine,
// its wait armed in p's epoll set), so a shell with many connections stays
// cheap. A listener, a UDP or TLS socket, or a nil p, falls back to Watch
// (a duplicate descriptor, a wake pipe and a thread in poll(2)).
func (s *Socket) WatchWith(p *Poller, notify func(Arrival)) {
	if p == nil {
		s.Watch(notify)
		return
	}
	ready := make(chan struct{}, 1)
	arm := func() error {
		return p.Arm(s, func() {
			select {
			case ready <- struct{}{}:
			default:
			}
		})
	}
	if arm() != nil {
		s.Watch(notify)
		return
	}
	for {
		select {
		case <-ready:
		case <-s.done:
			return
		}
		if s.Closed() {
			return
		}
		var a Arrival
		if withFD(s.sysConn(), func(fd int) { a = s.peek(fd) }) != nil {
			return
		}
		notify(a)
		select {
		case <-s.read:
		case <-s.done:
			return
		}
		if arm() != nil {
			return
		}
	}
}
