package repl

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
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
	sock4, err := s.Table().Get(4)
	if err != nil {
		t.Fatal(err)
	}
	got = execCancelledWhen(t, s, out, "send 4 --file "+big, func() bool { return sock4.Info().Out > 0 }) // (a fixed head start came before the first write under Wine)
	if !regexp.MustCompile(`\[4\] send canceled: [1-9]\d* of ` + strconv.Itoa(size) + ` bytes had gone to the kernel, for the peer, before that`).MatchString(got) {
		t.Fatalf("a canceled send --file:\n%s", got)
	}
}
