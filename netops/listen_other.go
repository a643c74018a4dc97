//go:build !unix && !windows

package netops

import (
	"context"
	"fmt"
	"net"
	"os"
)

// listenTCP opens a TCP listener on addr through net.ListenConfig,
// reporting its calls to tr. This system has no listen(2) of its own to
// call, so the backlog is the system's default.
func listenTCP(ctx context.Context, proto, addr string, backlog int, tr *Trace) (*net.TCPListener, *os.File, error) {
	fd := -1
	lc := net.ListenConfig{Control: controlTrace(tr, &fd)}
	ln, err := lc.Listen(ctx, goNetwork(proto, addr), addr)
	if fd >= 0 {
		tr.emit(bindCall(fd, addr, err)) // bind and listen come as one call here
	}
	if err != nil {
		return nil, nil, err
	}
	tl := ln.(*net.TCPListener)
	tr.emit(Call{FD: fd, Name: "listen", Args: fmt.Sprintf("fd %d, SOMAXCONN", fd), State: "LISTEN"})
	return tl, nil, nil
}
