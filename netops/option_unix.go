//go:build unix

package netops

import "golang.org/x/sys/unix"

// sockopts are each option's level and number.
var sockopts = map[string][2]int{
	"reuseaddr": {unix.SOL_SOCKET, unix.SO_REUSEADDR},
	"reuseport": {unix.SOL_SOCKET, unix.SO_REUSEPORT},
	"nodelay":   {unix.IPPROTO_TCP, unix.TCP_NODELAY},
	"keepalive": {unix.SOL_SOCKET, unix.SO_KEEPALIVE},
	"linger":    {unix.SOL_SOCKET, unix.SO_LINGER},
	"rcvbuf":    {unix.SOL_SOCKET, unix.SO_RCVBUF},
	"sndbuf":    {unix.SOL_SOCKET, unix.SO_SNDBUF},
}

func (s *Socket) getOption(name string) (v int, on bool, err error) {
	o := sockopts[name]
	cerr := s.control(func(fd int) {
		if name == "linger" {
			var l *unix.Linger
			if l, err = unix.GetsockoptLinger(fd, o[0], o[1]); err == nil {
				v, on = int(l.Linger), l.Onoff != 0
			}
			return
		}
		v, err = unix.GetsockoptInt(fd, o[0], o[1])
		on = v != 0
	})
	if cerr != nil {
		return 0, false, cerr
	}
	return v, on, err
}

func (s *Socket) setOption(name string, v int, on bool) error {
	o := sockopts[name]
	var err error
	cerr := s.control(func(fd int) {
		if name == "linger" {
			err = unix.SetsockoptLinger(fd, o[0], o[1], &unix.Linger{Onoff: int32(b2i(on)), Linger: int32(v)})
			return
		}
		err = unix.SetsockoptInt(fd, o[0], o[1], v)
	})
	if cerr != nil {
		return cerr
	}
	return err
}
