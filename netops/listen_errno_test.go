package netops

import (
	"errors"
	"strings"
	"testing"
)

// TestListenInUseNamesErrno: the one-step listen's failure names its errno
// on every system, as the step bind does: "address already in use
// (EADDRINUSE)" on Linux, "(EADDRINUSE, Windows WSAEADDRINUSE 10048)" on
// Windows, where Go's own listener makes the calls (Go's error has no name).
func TestListenInUseNamesErrno(t *testing.T) {
	ctx := testCtx(t)
	tb := NewTable()
	t.Cleanup(tb.CloseAll)
	ln, err := tb.Listen(ctx, "tcp", "127.0.0.1:0", ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tb.Listen(ctx, "tcp", ln.LocalAddr(), ListenOptions{})
	want := "address already in use (EADDRINUSE"
	if onWindows {
		want += ", Windows WSAEADDRINUSE 10048)"
	}
	var se *SysError
	if err == nil || !strings.Contains(err.Error(), want) || !errors.As(err, &se) || se.Call != "bind" {
		t.Fatalf("listen on a port in use: %v, want %q from the bind call", err, want)
	}
}
