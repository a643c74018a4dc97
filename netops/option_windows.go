package netops

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// soExclusiveAddrUse is SO_EXCLUSIVEADDRUSE, ~SO_REUSEADDR in winsock2.h.
const soExclusiveAddrUse = ^windows.SO_REUSEADDR

// errNoReusePort: Windows has no SO_REUSEPORT (its SO_REUSEADDR is the
// nearest, see [OptionNames]).
var errNoReusePort = fmt.Errorf("%w: SO_REUSEPORT", ErrNoSuchOption)

// sockopts are each option's level and number on Windows. Windows'
// SO_REUSEADDR lets a socket bind a port that another socket holds, even a
// live one; SO_EXCLUSIVEADDRUSE forbids exactly that for the socket that
// sets it.
var sockopts = map[string][2]int{
	"reuseaddr":        {windows.SOL_SOCKET, windows.SO_REUSEADDR},
	"exclusiveaddruse": {windows.SOL_SOCKET, soExclusiveAddrUse},
	"nodelay":          {windows.IPPROTO_TCP, windows.TCP_NODELAY},
	"keepalive":        {windows.SOL_SOCKET, windows.SO_KEEPALIVE},
	"linger":           {windows.SOL_SOCKET, windows.SO_LINGER},
	"rcvbuf":           {windows.SOL_SOCKET, windows.SO_RCVBUF},
	"sndbuf":           {windows.SOL_SOCKET, windows.SO_SNDBUF},
}

func init() {
	OptionNames = append(OptionNames, "exclusiveaddruse")
	optionSys["exclusiveaddruse"] = "SO_EXCLUSIVEADDRUSE"
}

// winLinger is Winsock's LINGER: two u_shorts.
type winLinger struct{ onoff, linger uint16 }

func (s *Socket) getOption(name string) (v int, on bool, err error) {
	o, ok := sockopts[name]
	if !ok {
		return 0, false, errNoReusePort
	}
	cerr := withFD(s.sysConn(), func(fd int) {
		h := windows.Handle(fd)
		if name == "linger" {
			var l winLinger
			n := int32(unsafe.Sizeof(l))
			if err = windows.Getsockopt(h, int32(o[0]), int32(o[1]), (*byte)(unsafe.Pointer(&l)), &n); err == nil {
				v, on = int(l.linger), l.onoff != 0
			}
			return
		}
		v, err = windows.GetsockoptInt(h, o[0], o[1])
		on = v != 0
	})
	if cerr != nil {
		return 0, false, cerr
	}
	return v, on, err
}

func (s *Socket) setOption(name string, v int, on bool) error {
	o, ok := sockopts[name]
	if !ok {
		return errNoReusePort
	}
	if name == "linger" && v > 0xffff {
		return windows.WSAEINVAL // Winsock's linger is a u_short
	}
	var err error
	cerr := withFD(s.sysConn(), func(fd int) {
		h := windows.Handle(fd)
		if name == "linger" {
			l := winLinger{uint16(b2i(on)), uint16(v)}
			err = windows.Setsockopt(h, int32(o[0]), int32(o[1]), (*byte)(unsafe.Pointer(&l)), int32(unsafe.Sizeof(l)))
			return
		}
		err = windows.SetsockoptInt(h, o[0], o[1], v)
	})
	if cerr != nil {
		return cerr
	}
	return err
}
