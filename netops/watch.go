package netops

// Arrival describes what waits on a socket that no receive or accept has
// taken yet. [Socket.Watch] reports it.
type Arrival struct {
	Pending int    // bytes waiting (in the kernel and in the socket's buffer)
	Preview []byte // the first of them, at most [PreviewSize] bytes
	EOF     bool   // the peer has finished sending and nothing is pending
	Clients int    // listener: connections completed and waiting for accept
}

// PreviewSize is the most bytes an [Arrival] previews.
const PreviewSize = 64
