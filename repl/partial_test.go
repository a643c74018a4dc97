package repl

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestSendSaysWhatWentOut: a send that times out or is canceled after
// some of its bytes went to the kernel says how many (they reach the peer
// all the same; the OUT column counts them), where it said only "timed
// out" or "send canceled".
func TestSendSaysWhatWentOut(t *testing.T) {
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0")
	listener := s.Current().LocalAddr()
	mustExec(t, s, out, "connect "+listener+"; accept 1") // [2] sends, [3] never reads
	big := filepath.Join(t.TempDir(), "big")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	const size = 64 << 20 // more than the kernel's buffers on both sides hold
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	went := regexp.MustCompile(`(\d+) of ` + strconv.Itoa(size) + ` bytes had gone to the kernel, for the peer, before that; the rest was not sent`)
	got, err := exec(t, s, out, "send 2 --file "+big+" --timeout 300ms")
	m := went.FindStringSubmatch(got)
	if err == nil || m == nil {
		t.Fatalf("send --timeout of %d bytes to a peer that does not read: %v\n%s", size, err, got)
	}
	first, _ := strconv.Atoi(m[1])
	if sock, _ := s.Table().Get(2); first <= 0 || sock.Info().Out != int64(first) {
		t.Fatalf("it said %d bytes went out; the socket counts %d", first, sock.Info().Out)
	}
	mustExec(t, s, out, "connect "+listener+"; accept 1") // [4] sends, [5] never reads
	got = cancelOnceSent(t, s, out, 4, "send 4 --file "+big)
	if !regexp.MustCompile(`\[4\] send canceled: [1-9]\d* of ` + strconv.Itoa(size) + ` bytes had gone to the kernel, for the peer, before that`).MatchString(got) {
		t.Fatalf("a canceled send --file:\n%s", got)
	}
}

// cancelOnceSent runs line, a send on socket id, and cancels it once some
// of its bytes have gone to the kernel (a fixed head start was too short
// under Wine: the cancel came before the first write), and returns what
// the shell said.
func cancelOnceSent(t *testing.T, s *Session, out *syncBuffer, id int, line string) string {
	t.Helper()
	sock, err := s.Table().Get(id)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Exec(ctx, line) }()
	for deadline := time.Now().Add(10 * time.Second); sock.Info().Out == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: no byte went out in 10 s", line)
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: not canceled within 5 s", line)
	}
	return out.take()
}
