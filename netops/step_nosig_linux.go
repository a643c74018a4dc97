package netops

import "golang.org/x/sys/unix"

// msgNoSignal keeps a send on a broken connection from raising SIGPIPE.
const msgNoSignal = unix.MSG_NOSIGNAL
