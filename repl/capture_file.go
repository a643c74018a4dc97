package repl

import (
	"errors"
	"io/fs"

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

// writeCaptureFile adds p to the capture's file, if it has one.
func (s *Session) writeCaptureFile(c *capturing, p *capture.Packet) {
	if c.pcap == nil || c.failed || c.full {
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
	if c.pcap != nil && !c.failed {
		s.captureFileError(c, c.pcap.Flush())
	}
}

// closeCaptureFile flushes and closes the capture's file.
func (s *Session) closeCaptureFile(c *capturing) {
	if c.pcap != nil {
		err := c.pcap.Close()
		if !c.failed {
			s.captureFileError(c, err)
		}
	}
}

// captureFileError says, the first time, that writing the file failed.
func (s *Session) captureFileError(c *capturing, err error) {
	if err == nil || c.failed {
		return
	}
	c.failed = true
	var pe *fs.PathError // the file's name is said already
	if errors.As(err, &pe) {
		err = pe.Err
	}
	s.Printf("%s", words.N("capture.file_failed", int64(c.pcap.Kept()), c.path, say.Error(err)))
}
