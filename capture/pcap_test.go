package capture

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/gopacket/pcapgo"
)

// errDiskFull stands for a full disk.
var errDiskFull = errors.New("disk full")

// fullFile is a file with room for so many bytes, then a full disk.
type fullFile struct {
	*os.File
	room int
}

func (f *fullFile) Write(b []byte) (int, error) {
	n := min(len(b), f.room)
	n, _ = f.File.Write(b[:n])
	f.room -= n
	if n < len(b) {
		return n, errDiskFull
	}
	return n, nil
}

// TestPcapWriterDiskFull: when the disk fills in the middle of a packet,
// the file is cut back to the packets it holds whole (it opens without a
// "cut short" complaint), Kept counts them, and every later call returns
// the system's error, not a rewording of it.
func TestPcapWriterDiskFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewPcapWriter(&fullFile{File: f, room: 5000}, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for i := range 100 {
		p := decode(t, segment(t, 40000, 8888, uint32(1+i*100), 1, PSH|ACK, 512, string(make([]byte, 100))))
		if err := w.Write(&p); err != nil && werr == nil {
			werr = err
		}
	}
	if werr == nil || !errors.Is(werr, errDiskFull) {
		t.Fatalf("writing past a full disk returned %v", werr)
	}
	if err := w.Close(); !errors.Is(err, errDiskFull) {
		t.Fatalf("Close returned %v", err)
	}
	n := readPcap(t, path)
	if n == 0 || n != w.Kept() {
		t.Fatalf("the file holds %d whole packets, Kept says %d", n, w.Kept())
	}
}

// TestPcapWriterBound: the packet that would take the file past its bound
// is not written, nor any after it (ErrFileFull), and the file holds the
// packets before it, whole, within the bound.
func TestPcapWriterBound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bound.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	const bound = 2000
	w, err := NewPcapWriter(f, bound)
	if err != nil {
		t.Fatal(err)
	}
	var errs []error
	for i := range 100 {
		p := decode(t, segment(t, 40000, 8888, uint32(1+i*100), 1, PSH|ACK, 512, string(make([]byte, 100))))
		if err := w.Write(&p); err != nil {
			errs = append(errs, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close after the bound: %v", err)
	}
	if len(errs) == 0 || !errors.Is(errs[0], ErrFileFull) || !errors.Is(errs[len(errs)-1], ErrFileFull) {
		t.Fatalf("writing past the bound returned %v", errs)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := readPcap(t, path); st.Size() > bound || n == 0 || n != w.Kept() || n+len(errs) != 100 {
		t.Fatalf("the file has %d bytes (bound %d), %d whole packets; Kept says %d; %d refused", st.Size(), bound, n, w.Kept(), len(errs))
	}
}

// readPcap counts the packets of a pcap file, failing on one cut short.
func readPcap(t *testing.T, path string) int {
	t.Helper()
	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pr, err := pcapgo.NewReader(r)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, _, err := pr.ReadPacketData()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("packet %d: %v (the file was left cut short)", n+1, err)
		}
		n++
	}
}
