package repl

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/gopacket/pcapgo"
)

// fifoSession makes a FIFO and a session with a listener and a connection
// on it, and returns the FIFO's path.
func fifoSession(t *testing.T) (*Session, *syncBuffer, string) {
	t.Helper()
	canCapture(t)
	fifo := filepath.Join(t.TempDir(), "live.pcap")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(out.everything())[1]
	mustExec(t, s, out, "connect 127.0.0.1:"+port+"; accept 1")
	return s, out, fifo
}

// within runs line, failing the test if it has not returned in 10 s.
func within(t *testing.T, s *Session, out *syncBuffer, line string) string {
	t.Helper()
	done := make(chan string, 1)
	go func() { got, _ := exec(t, s, out, line); done <- got }()
	select {
	case got := <-done:
		return got
	case <-time.After(10 * time.Second):
		t.Fatalf("%.40q... did not return", line)
	}
	return ""
}

// TestCaptureFIFONoReader: capture to a FIFO that no one reads says so at
// once, with the way out, instead of a confusing error or a wait.
func TestCaptureFIFONoReader(t *testing.T) {
	s, out, fifo := fifoSession(t)
	got, err := exec(t, s, out, "capture "+fifo)
	msg := s.formatError(err)
	if err == nil || !strings.Contains(msg, "no program reads the FIFO "+fifo) || !strings.Contains(msg, "wireshark -k -i "+fifo) {
		t.Fatalf("capture to a FIFO without a reader:\n%s%s", got, msg)
	}
	if st := mustExec(t, s, out, "capture"); !strings.Contains(st, "capture is off") {
		t.Fatal(st)
	}
}

// TestCaptureFIFOStalled: a FIFO whose reader takes nothing filled up and
// held the capture, capture off, and the session's exit (even SIGTERM)
// for ever. Now a write gives up after captureWriteMax, said once.
func TestCaptureFIFOStalled(t *testing.T) {
	old := captureWriteMax
	captureWriteMax = 200 * time.Millisecond
	t.Cleanup(func() { captureWriteMax = old })
	s, out, fifo := fifoSession(t)
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0) // a reader that never reads
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mustExec(t, s, out, "capture "+fifo)
	big := strings.Repeat("x", 30000) + "!"
	for range 4 { // 120 KB: more than the pipe holds
		within(t, s, out, "send 2 "+big+"; recv 3 40000 --until ! --timeout 5s")
	}
	within(t, s, out, "capture off")
	if all := out.everything(); strings.Count(all, "its reader took nothing for 0.2 s") != 1 {
		t.Fatalf("the stalled reader:\n%s", all)
	}
}

// TestCaptureFIFOLive: a program reading the FIFO as the packets pass (as
// wireshark -k -i FIFO does) gets each packet shown, whole.
func TestCaptureFIFOLive(t *testing.T) {
	s, out, fifo := fifoSession(t)
	count := make(chan int, 1)
	opened := make(chan struct{})
	go func() {
		f, err := os.Open(fifo) // waits for the writer
		close(opened)
		if err != nil {
			count <- -1
			return
		}
		defer f.Close()
		r, err := pcapgo.NewReader(f)
		n := 0
		for err == nil {
			if _, _, err = r.ReadPacketData(); err == nil {
				n++
			}
		}
		if err != io.EOF {
			n = -n - 1
		}
		count <- n
	}()
	// The reader's open must reach the kernel before capture's: try until it has.
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err = exec(t, s, out, "capture "+fifo); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	<-opened
	mustExec(t, s, out, "send 2 hello; recv 3; close 2; close 3")
	off := within(t, s, out, "capture off")
	shown := regexp.MustCompile(`(\d+) packets shown`).FindStringSubmatch(off)
	select {
	case n := <-count:
		if shown == nil || shown[1] == "0" || shown[1] != strconv.Itoa(n) {
			t.Fatalf("the reader got %d packets (negative: an error after them); socklab says:\n%s", n, out.everything())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader did not see the end of the file")
	}
}
