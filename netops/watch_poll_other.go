//go:build !unix

package netops

// WatchWith is [Socket.Watch] (there is no poller here).
func (s *Socket) WatchWith(p *Poller, notify func(Arrival)) { s.Watch(notify) }
