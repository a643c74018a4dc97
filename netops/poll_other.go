//go:build !linux

package netops

import "errors"

// Poller tells when TCP connections become readable; on this system there
// is none, and NewPoller fails: callers wait with a receive per connection.
type Poller struct{}

// ErrNoPoller reports that a socket cannot be waited on by a Poller.
var ErrNoPoller = errors.New("no poller for this socket")

// NewPoller fails on this system.
func NewPoller() (*Poller, error) { return nil, ErrNoPoller }

// NewLoopPoller fails on this system.
func NewLoopPoller() (*Poller, error) { return nil, ErrNoPoller }

// Wake does nothing.
func (p *Poller) Wake() {}

// Poll does nothing.
func (p *Poller) Poll(wait bool) error { return ErrNoPoller }

// Close does nothing.
func (p *Poller) Close() error { return nil }

// Arm fails on this system.
func (p *Poller) Arm(s *Socket, fn func()) error { return ErrNoPoller }

// Watch fails on this system.
func (p *Poller) Watch(s *Socket, fn func()) error { return ErrNoPoller }

func (s *Socket) unarm() {}
