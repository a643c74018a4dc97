package repl

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/google/gopacket/pcapgo"
)

// TestCaptureFileOnSecondSIGTERM: a second SIGTERM makes the shell exit
// at once, without stopping the capture as quit does; the pcap file must
// still end with a whole packet (it ended in the middle of one: "appears
// to have been cut short in the middle of a packet").
func TestCaptureFileOnSecondSIGTERM(t *testing.T) {
	canCapture(t)
	tm := startTerm(t, t.TempDir())
	pcap := filepath.Join(t.TempDir(), "term.pcap")
	tm.typed("listen udp 127.0.0.1:0\r")
	tm.after("[1]> ")
	port := regexp.MustCompile(`udp bound 127\.0\.0\.1:(\d+)`).FindStringSubmatch(tm.screen.everything())
	if port == nil {
		t.Fatalf("no port in %q", tm.screen.everything())
	}
	tm.typed("capture " + pcap + "\r")
	tm.after("writing the packets")
	c, err := net.Dial("udp", "127.0.0.1:"+port[1])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stop := make(chan struct{})
	defer close(stop)
	go func() { // datagrams without end: the capture never settles, nor is its file's buffer ever empty
		for {
			select {
			case <-stop:
				return
			default:
				c.Write(make([]byte, 100))
			}
		}
	}()
	tm.after(" UDP Len=100")
	// The first SIGTERM closes the shell as quit does, which waits for the
	// capture to settle (at most a second); a later one makes it exit at
	// once. Signals sent together count as one: send them apart.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for exited := false; !exited; {
		tm.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-tm.exited:
			exited = true
		case <-tick.C:
		case <-time.After(10 * time.Second):
			t.Fatal("socklab did not exit")
		}
	}
	f, err := os.Open(pcap)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for ; ; n++ {
		_, _, err := r.ReadPacketData()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("the file ends in the middle of packet %d", n+1)
			}
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("the file holds no packet")
	}
}
