package capture

import (
	"bufio"
	"errors"
	"io"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

// PcapWriter writes packets to a pcap file (link type "raw IP") that
// Wireshark and tcpdump open. It is not safe for concurrent use.
//
// The first failure to write (a full disk, a file system gone) ends the
// writing: the file is cut back to the packets it holds whole, so that it
// still opens without complaint, and every later call returns that error.
type PcapWriter struct {
	w    *bufio.Writer
	pw   *pcapgo.Writer
	out  *counter
	c    io.Closer
	err  error
	max  int64   // the most bytes the file may hold
	ends []int64 // the end of each packet handed to w and not yet known to be in the file
	kept int     // packets known to be whole in the file
	good int64   // where the last of them ends
}

// counter counts the bytes its writer took, and keeps its first error
// (pcapgo words the errors it passes on, losing what they wrap).
type counter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	if c.err == nil {
		c.err = err
	}
	return n, err
}

// ErrFileFull is returned by [PcapWriter.Write] for a packet that would
// take the file past its bound; the file holds those before, whole.
var ErrFileFull = errors.New("the capture file reached its bound")

// NewPcapWriter writes the file header to w and returns a writer for its
// packets, which stops at max bytes; Close flushes them and closes w.
func NewPcapWriter(w io.WriteCloser, max int64) (*PcapWriter, error) {
	out := &counter{w: w}
	b := bufio.NewWriter(out)
	pw := pcapgo.NewWriterNanos(b)
	if err := pw.WriteFileHeader(SnapLen, layers.LinkTypeRaw); err != nil {
		return nil, err
	}
	return &PcapWriter{w: b, pw: pw, out: out, c: w, good: pcapHeaderLen, max: max}, nil
}

// pcapHeaderLen and pcapRecordLen are the sizes of a pcap file's header
// and of the header before each packet.
const (
	pcapHeaderLen = 24
	pcapRecordLen = 16
)

// Write adds one packet. After a failure it writes nothing and returns
// the first error; a packet that would take the file past its bound is
// not written, and fails with ErrFileFull, as every later one does.
func (pw *PcapWriter) Write(p *Packet) error {
	if pw.err != nil {
		return pw.err
	}
	end := pw.size() + pcapRecordLen + int64(len(p.Raw))
	if end > pw.max {
		if err := pw.Flush(); err != nil {
			return err
		}
		pw.err = ErrFileFull
		return pw.err
	}
	ci := gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Raw), Length: p.OrigLn, InterfaceIndex: p.Iface}
	pw.ends = append(pw.ends, end)
	if err := pw.pw.WritePacket(ci, p.Raw); err != nil {
		return pw.fail(err)
	}
	pw.settle()
	return nil
}

// size is how many bytes the file holds with what is buffered.
func (pw *PcapWriter) size() int64 { return pw.out.n + int64(pw.w.Buffered()) }

// settle counts the packets that have reached the file whole.
func (pw *PcapWriter) settle() {
	i := 0
	for i < len(pw.ends) && pw.ends[i] <= pw.out.n {
		i++
	}
	if i > 0 {
		pw.kept, pw.good = pw.kept+i, pw.ends[i-1]
	}
	pw.ends = append(pw.ends[:0], pw.ends[i:]...)
}

// fail ends the writing with err, cutting the file back to its whole
// packets when it can.
func (pw *PcapWriter) fail(err error) error {
	pw.settle()
	if pw.out.err != nil {
		err = pw.out.err
	}
	if t, ok := pw.c.(interface{ Truncate(int64) error }); ok && pw.out.n > pw.good {
		t.Truncate(pw.good)
	}
	pw.err = err
	return err
}

// Kept returns how many packets the file holds whole.
func (pw *PcapWriter) Kept() int { return pw.kept }

// Flush writes what is buffered.
func (pw *PcapWriter) Flush() error {
	if pw.err == ErrFileFull {
		return nil // flushed when it was reached
	}
	if pw.err != nil {
		return pw.err
	}
	if err := pw.w.Flush(); err != nil {
		return pw.fail(err)
	}
	pw.settle()
	return nil
}

// Close flushes and closes the file. It returns the first failure to
// write, if any, or the failure to close.
func (pw *PcapWriter) Close() error {
	err := pw.Flush()
	return errors.Join(err, pw.c.Close())
}
