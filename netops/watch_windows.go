package netops

import (
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// WSAPoll (ws2_32.dll), which golang.org/x/sys/windows does not wrap.
var procWSAPoll = windows.NewLazySystemDLL("ws2_32.dll").NewProc("WSAPoll")

// wsaPollFD is Winsock's WSAPOLLFD.
type wsaPollFD struct {
	fd      windows.Handle
	events  int16
	revents int16
}

const (
	pollRdNorm = 0x0100 // POLLRDNORM: data, a client, or the peer's FIN
	watchTick  = 100 * time.Millisecond
)

// Watch reports, by calling notify from its own goroutine, each time data,
// a client or the peer's end of stream waits on s without being taken. It
// takes nothing itself: a receive with MSG_PEEK shows the data, which stays
// for the next receive. After a report it waits until a receive or accept
// takes something before it looks again. It returns when s is closed.
func (s *Socket) Watch(notify func(Arrival)) {
	if procWSAPoll.Find() != nil {
		return
	}
	h := windows.InvalidHandle
	withFD(s.sysConn(), func(u int) { h = windows.Handle(u) })
	if h == windows.InvalidHandle {
		return
	}
	for {
		select {
		case <-s.done:
			return
		default:
		}
		p := wsaPollFD{fd: h, events: pollRdNorm}
		r, _, _ := procWSAPoll.Call(uintptr(unsafe.Pointer(&p)), 1, uintptr(watchTick/time.Millisecond))
		if int32(r) < 0 || s.Closed() {
			return
		}
		if r == 0 || p.revents == 0 {
			continue
		}
		notify(s.peek(h))
		select {
		case <-s.read:
		case <-s.done:
			return
		}
	}
}

// peek looks at what waits on h without taking it.
func (s *Socket) peek(h windows.Handle) Arrival {
	return s.arrival(func(b []byte) (int, error, error) {
		buf := windows.WSABuf{Len: uint32(len(b)), Buf: &b[0]}
		var got uint32
		flags := uint32(windows.MSG_PEEK)
		err := windows.WSARecv(h, &buf, 1, &got, &flags, nil, nil)
		return int(got), nil, err
	})
}
