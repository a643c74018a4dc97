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
type PcapWriter struct {
	w  *bufio.Writer
	pw *pcapgo.Writer
	c  io.Closer
}

// NewPcapWriter writes the file header to w and returns a writer for its
// packets; Close flushes them and closes w.
func NewPcapWriter(w io.WriteCloser) (*PcapWriter, error) {
	b := bufio.NewWriter(w)
	pw := pcapgo.NewWriterNanos(b)
	if err := pw.WriteFileHeader(SnapLen, layers.LinkTypeRaw); err != nil {
		return nil, err
	}
	return &PcapWriter{w: b, pw: pw, c: w}, nil
}

// Write adds one packet.
func (pw *PcapWriter) Write(p *Packet) error {
	ci := gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Raw), Length: p.OrigLn, InterfaceIndex: p.Iface}
	return pw.pw.WritePacket(ci, p.Raw)
}

// Flush writes what is buffered.
func (pw *PcapWriter) Flush() error { return pw.w.Flush() }

// Close flushes and closes the file.
func (pw *PcapWriter) Close() error { return errors.Join(pw.w.Flush(), pw.c.Close()) }
