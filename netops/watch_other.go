//go:build !unix && !windows

package netops

// Watch reports data and clients waiting on s; on this operating system it
// cannot look without taking, so it reports nothing and returns at once.
func (s *Socket) Watch(notify func(Arrival)) {}
