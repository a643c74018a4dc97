package netcat

import (
	"bytes"
	"io"
	"net"
	"os"
	"sync"
)

// bufSize is the copy buffer for paths the kernel cannot splice.
const bufSize = 256 << 10

// udpChunk bounds one datagram read from stdin (nc reads 16 KiB too).
const udpChunk = 16 << 10

// input is stdin, shared by the connections of one run (with -k, data not
// yet sent when a client leaves goes to the next one).
//
// Stdin is read by one pump goroutine started on first use, which hands
// over chunks on a channel; a connection takes them in turn. The fast path
// ([input.fast]) bypasses the pump for the common single-connection case.
type input struct {
	r       io.Reader // nil under -d
	crlf    bool
	chunk   int
	once    sync.Once
	ch      chan []byte // closed at EOF, after err is set
	err     error       // stdin read error other than EOF
	pending []byte      // taken from ch but not written yet
}

func newInput(r io.Reader, o *options) *input {
	in := &input{r: r, crlf: o.crlf, chunk: bufSize}
	if o.noStdin {
		in.r = nil
	}
	if o.udp {
		in.chunk = udpChunk
	}
	return in
}

// start launches the pump.
func (in *input) start() {
	in.ch = make(chan []byte, 2)
	if in.r == nil {
		close(in.ch)
		return
	}
	go func() {
		defer close(in.ch)
		buf := make([]byte, in.chunk)
		var last byte // the byte before buf, for -C
		for {
			n, err := in.r.Read(buf)
			if n > 0 {
				b := append([]byte(nil), buf[:n]...)
				if in.crlf {
					b = crlf(b, last)
				}
				last = buf[n-1]
				in.ch <- b
			}
			if err != nil {
				if err != io.EOF {
					in.err = err
				}
				return
			}
		}
	}()
}

// crlf turns each LF not already after a CR into CRLF, as nc -C does (an
// existing CRLF stays); before is the byte that came before b.
func crlf(b []byte, before byte) []byte {
	out := make([]byte, 0, len(b)+bytes.Count(b, []byte("\n")))
	for _, c := range b {
		if c == '\n' && before != '\r' {
			out = append(out, '\r')
		}
		out = append(out, c)
		before = c
	}
	return out
}

// fast reports whether stdin can go straight to c through the kernel:
// a single TCP connection, stdin an *os.File, no -C, no -k, no -w.
func (in *input) fast(o *options, c net.Conn) (*os.File, *net.TCPConn, bool) {
	f, ok := in.r.(*os.File)
	tc, isTCP := c.(*net.TCPConn)
	if !ok || !isTCP || o.crlf || o.keep || o.timeout > 0 {
		return nil, nil, false
	}
	return f, tc, true
}

// sendFast copies stdin to c until EOF with sendfile(2) or splice(2) where
// the platform has them; eof reports that stdin ended.
func sendFast(f *os.File, c *net.TCPConn) (eof bool, err error) {
	if _, handled, err := spliceStdin(c, f); handled {
		return err == nil, err
	}
	_, err = io.Copy(c, f)
	return err == nil, err
}

// copyTo writes stdin to w until stdin's EOF (eof true), a write error, or
// stop is closed. Bytes not written stay for the next connection.
func (in *input) copyTo(w io.Writer, stop <-chan struct{}, act *activity) (eof bool, err error) {
	in.once.Do(in.start)
	for {
		if len(in.pending) == 0 {
			select {
			case b, ok := <-in.ch:
				if !ok {
					return true, in.err
				}
				in.pending = b
			case <-stop:
				return false, nil
			}
		}
		n, err := w.Write(in.pending)
		in.pending = in.pending[n:]
		act.touch()
		if err != nil {
			return false, err
		}
	}
}
