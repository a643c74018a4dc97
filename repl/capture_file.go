package repl

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/socklab/socklab/capture"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// The pcap file of a capture: the first failure to write it (a full disk)
// is said once, and the packets after it are shown but not written; the
// file keeps those before, whole. So it is when the file reaches
// captureFileMax: a flood on loopback would fill a disk in minutes.

// captureFileMax is the most bytes a capture file holds (1 GiB); a
// variable for the tests.
var captureFileMax int64 = 1 << 30

// captureWriteMax bounds each write to the capture file: a FIFO whose
// reader stopped reading would otherwise hold the capture, and capture off,
// for ever. A variable for the tests.
var captureWriteMax = 5 * time.Second

// openCaptureFile creates (or empties) the capture file. A FIFO (for a
// live Wireshark: wireshark -k -i FIFO) is opened without waiting: its
// reader must be there already.
func openCaptureFile(path string) (io.WriteCloser, error) {
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if fi, err := os.Stat(path); err == nil && fi.Mode()&fs.ModeNamedPipe != 0 {
		flags = os.O_WRONLY | syscall.O_NONBLOCK
	}
	f, err := os.OpenFile(path, flags, 0o666)
	if err != nil {
		return nil, err
	}
	return deadlineFile{f}, nil
}

// deadlineFile is a file whose writes give up after captureWriteMax (a
// regular file has no deadlines, and ignores it).
type deadlineFile struct{ *os.File }

func (d deadlineFile) Write(b []byte) (int, error) {
	d.SetWriteDeadline(time.Now().Add(captureWriteMax))
	return d.File.Write(b)
}

// captureFileOpenError words a failure to create the capture file.
func captureFileOpenError(path string, err error) error {
	err = withoutPath(err)
	if errors.Is(err, syscall.ENXIO) { // a FIFO that no one reads
		return withHint(errors.New(words.T("capture.no_reader", path)), words.T("capture.hint_reader", path))
	}
	return withHint(errors.New(words.T("capture.cannot_create", path, say.Error(err))), words.T("capture.hint_file"))
}

// writeCaptureFile adds p to the capture's file, if it has one.
func (s *Session) writeCaptureFile(c *capturing, p *capture.Packet) {
	c.fileMu.Lock()
	defer c.fileMu.Unlock()
	if c.pcap == nil || c.failed || c.full || c.closed {
		return
	}
	if err := c.pcap.Write(p); errors.Is(err, capture.ErrFileFull) {
		c.full = true
		s.Printf("%s", words.T("capture.file_max", c.path, captureFileMax>>20))
	} else {
		s.captureFileError(c, err)
	}
}

// flushCaptureFile writes what the capture's file has buffered.
func (s *Session) flushCaptureFile(c *capturing) {
	c.fileMu.Lock()
	defer c.fileMu.Unlock()
	if c.pcap != nil && !c.failed && !c.closed {
		s.captureFileError(c, c.pcap.Flush())
	}
}

// closeCaptureFile flushes and closes the capture's file.
func (s *Session) closeCaptureFile(c *capturing) {
	c.fileMu.Lock()
	defer c.fileMu.Unlock()
	if c.pcap != nil && !c.closed {
		c.closed = true
		err := c.pcap.Close()
		if !c.failed {
			s.captureFileError(c, err)
		}
	}
}

// abandonCapture closes the running capture's file at once, with the
// packets written so far, whole: the process is about to exit without
// stopping the capture (a second SIGTERM), and an unflushed file could end
// in the middle of a packet.
func (s *Session) abandonCapture() {
	s.captures.mu.Lock()
	c := s.captures.run
	if c == nil {
		c = s.captures.stopped // quit began to stop it
	}
	s.captures.mu.Unlock()
	if c == nil {
		return
	}
	done := make(chan struct{})
	go func() {
		c.fileMu.Lock() // held for good: the process exits
		if c.pcap != nil && !c.closed {
			c.closed = true
			c.pcap.Close()
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(abandonMax): // a file system that does not answer
	}
}

// abandonMax bounds how long abandonCapture waits for the file.
const abandonMax = 500 * time.Millisecond

// captureFileError says, the first time, that writing the file failed.
func (s *Session) captureFileError(c *capturing, err error) {
	if err == nil || c.failed {
		return
	}
	c.failed = true
	err = withoutPath(err)
	why := say.Error(err)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		why = words.T("capture.reader_stalled", captureWriteMax.Seconds())
	}
	s.Printf("%s", words.N("capture.file_failed", int64(c.pcap.Kept()), c.path, why))
}

// withoutPath is err without the file's name and Go's operation, which
// the capture's messages say in their own words.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
