//go:build unix

package repl

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRecvOutFIFOCancels: recv --out on a FIFO waits for a reader to open
// it, and then for the reader to take the bytes; Ctrl-C ends both waits
// (it ended neither: the shell hung until killed), and bytes that did not
// go to the FIFO are shown, not lost.
func TestRecvOutFIFOCancels(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO:", err)
	}
	s, out := testSession(t, false)
	ln, addr := peerListener(t)
	mustExec(t, s, out, "connect "+addr)
	peer := acceptOne(t, ln)
	if got, err := execCancelled(t, s, out, "recv --out "+fifo); !strings.Contains(got, "canceled") {
		t.Fatalf("recv --out on a FIFO no one reads, canceled: %v\n%s", err, got)
	}
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0) // a reader that never reads
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	const size = 300<<10 + 3
	go peer.Write([]byte(strings.Repeat("x", size-3) + "END")) // more than a pipe holds
	sock, err := s.Table().Get(1)
	if err != nil {
		t.Fatal(err)
	}
	got := execCancelledWhen(t, s, out, "recv 1 --until END --out "+fifo, func() bool { return sock.Info().In == size }) // all came: the write to the FIFO waits
	if !strings.Contains(got, "canceled") || !strings.Contains(got, "xxxEND") {
		t.Fatalf("recv --out on a FIFO whose reader does not read, canceled (the bytes not written shown):\n%.300s", got)
	}
}

// TestFIFOOpenEndsOnCancel: an open of a FIFO whose other end no one opens
// (send --file of a FIFO no one writes, recv --out to one no one reads)
// ends as soon as it is canceled: socklab opens the other end itself. It
// would otherwise be left waiting, and the command returned only after
// openCtx's 2 s bound.
func TestFIFOOpenEndsOnCancel(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO:", err)
	}
	for _, flag := range []int{os.O_RDONLY, os.O_WRONLY | os.O_APPEND} {
		ctx, cancel := context.WithCancel(context.Background())
		canceledAt := make(chan time.Time, 1)
		go func() {
			time.Sleep(50 * time.Millisecond) // a head start for the open (nothing signals that it waits in open(2))
			canceledAt <- time.Now()
			cancel()
		}()
		f, err := openCtx(ctx, fifo, flag, 0)
		d := time.Since(<-canceledAt)
		if f != nil || err != context.Canceled {
			t.Fatalf("flag %#x: open returned %v, %v; want canceled", flag, f, err)
		}
		if d > time.Second {
			t.Errorf("flag %#x: the open returned %v after the cancel", flag, d)
		}
	}
}
