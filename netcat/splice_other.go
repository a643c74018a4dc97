//go:build !linux

package netcat

import (
	"net"
	"os"
)

// spliceStdin is Linux only; elsewhere it declines and the copy falls back
// to io.Copy.
func spliceStdin(dst *net.TCPConn, src *os.File) (int64, bool, error) {
	return 0, false, nil
}

// spliceStdout is Linux only; elsewhere it declines and receive copies
// with a buffer.
func spliceStdout(dst *os.File, src *net.TCPConn) (bool, error) {
	return false, nil
}
