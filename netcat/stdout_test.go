package netcat

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/socklab/socklab/words"
)

// fillStdout writes to c until nc stops reading it (its write to stdout,
// a pipe nobody reads, is stuck) or has closed it.
func fillStdout(t *testing.T, c net.Conn) {
	t.Helper()
	chunk := make([]byte, 64<<10)
	for {
		c.SetWriteDeadline(time.Now().Add(200 * time.Millisecond))
		if _, err := c.Write(chunk); isTimeout(err) || isPeerGone(err) {
			return
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

// TestIdleTimeoutWithStdoutStuck: -w ends the run when nothing moved for
// its time, also when what stopped moving is stdout (a reader that never
// reads): nc quits with status 0, and socklab waited for ever for the
// write to stdout to finish.
func TestIdleTimeoutWithStdoutStuck(t *testing.T) {
	for _, args := range [][]string{{"-d"}, {"-N"}} { // peer still open; stdin's end sent
		t.Run(args[0], func(t *testing.T) {
			ln, port := server(t)
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer pr.Close() // after the test: the stuck write ends with EPIPE
			defer pw.Close()
			r := startIO(t, nil, pw, append(args, "-w", "300ms", "127.0.0.1", port)...)
			c := accept(t, ln)
			fillStdout(t, c)
			t0 := time.Now()
			select {
			case s := <-r.done:
				r.done <- s
				if s != 0 {
					t.Fatalf("status %d, want 0 as nc; %q", s, r.stderr)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("still running %v after stdout stuck with -w 300ms", time.Since(t0))
			}
		})
	}
}

// TestInterruptWhileFlushing: after stdin failed, socklab still writes
// what it received to stdout; when whoever reads stdout has stopped,
// Ctrl-C or SIGTERM ends that wait (status 130), as every other wait. It
// waited for ever.
func TestInterruptWhileFlushing(t *testing.T) {
	ln, port := server(t)
	out, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	defer outW.Close()
	in, inW := io.Pipe()
	r := startIO(t, in, outW, "127.0.0.1", port)
	c := accept(t, ln)
	fillStdout(t, c)
	inW.CloseWithError(errors.New("the disk went away"))
	r.stderr.waitFor(t, "the disk went away")
	r.cancel()
	select {
	case s := <-r.done:
		r.done <- s
		if s != statusInterrupted {
			t.Fatalf("status %d, want %d; %q", s, statusInterrupted, r.stderr)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Ctrl-C did not end the wait for a stuck stdout")
	}
}

// TestStdoutFull: a stdout the kernel cannot splice to (/dev/full refuses
// splice(2) with EINVAL) gets the bytes by write(2), and its own error is
// said: "no space left on device", status 1. socklab said "invalid
// argument" and the bytes taken from the socket were lost; nc 1.219 exits
// 0 without a word, losing them: socklab says so instead.
func TestStdoutFull(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("/dev/full is a Unix device (Wine lends the host's, and says Windows' own \"Disk full.\")")
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here:", err)
	}
	defer full.Close()
	for _, tt := range []struct {
		lang words.Lang
		want string
	}{
		{words.EN, "socklab nc: writing stdout failed: no space left on device\n"},
		{words.PT, "socklab nc: a escrita na saída padrão falhou: não há espaço disponível no dispositivo\n"},
	} {
		words.SetLang(tt.lang)
		ln, port := server(t)
		r := startIO(t, nil, full, "-d", "127.0.0.1", port)
		c := accept(t, ln)
		c.Write([]byte("data for a full disk\n"))
		if s := r.status(t); s != 1 {
			t.Fatalf("status %d, want 1; %q", s, r.stderr)
		}
		if got := r.stderr.String(); got != tt.want {
			t.Fatalf("stderr %q, want %q", got, tt.want)
		}
	}
	words.SetLang(words.EN)
}

// TestStdoutFileAndPipe: a regular file and a pipe as stdout (the splice
// path on Linux) get every byte the peer sent, in order.
func TestStdoutFileAndPipe(t *testing.T) {
	want := make([]byte, 3<<20+12345)
	rand.NewChaCha8([32]byte{4}).Read(want)
	for _, kind := range []string{"file", "pipe"} {
		t.Run(kind, func(t *testing.T) {
			ln, port := server(t)
			var out *os.File
			got := make(chan []byte, 1)
			if kind == "file" {
				out = tempFile(t)
			} else {
				pr, pw, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				defer pr.Close()
				defer pw.Close()
				out = pw
				go func() {
					b, _ := io.ReadAll(io.LimitReader(pr, int64(len(want))))
					got <- b
				}()
			}
			r := startIO(t, nil, out, "-d", "127.0.0.1", port)
			c := accept(t, ln)
			if _, err := c.Write(want); err != nil {
				t.Fatal(err)
			}
			c.Close()
			if s := r.status(t); s != 0 {
				t.Fatalf("status %d; %q", s, r.stderr)
			}
			var b []byte
			if kind == "file" {
				out.Seek(0, io.SeekStart)
				b, _ = io.ReadAll(out)
			} else {
				select {
				case b = <-got:
				case <-time.After(wait):
					t.Fatal("the pipe's reader got no end")
				}
			}
			if !bytes.Equal(b, want) {
				t.Fatalf("stdout has %d bytes, want %d (equal: %v)", len(b), len(want), bytes.Equal(b, want[:min(len(b), len(want))]))
			}
		})
	}
}

// gate is a stdout whose writes wait until open is closed; it records
// whether two writes were ever under way at once.
type gate struct {
	mu      sync.Mutex
	inside  int
	overlap bool
	buf     bytes.Buffer
	open    chan struct{}
	wrote   chan struct{} // one token per write done
}

func (g *gate) Write(p []byte) (int, error) {
	g.mu.Lock()
	g.inside++
	g.overlap = g.overlap || g.inside > 1
	g.mu.Unlock()
	<-g.open
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inside--
	g.wrote <- struct{}{}
	return g.buf.Write(p)
}

// TestKeepIdleKeepsOrder: under -lk -w, a client given up on while stdout
// was stuck still has bytes on their way to stdout when the next client
// comes; they come out first, whole, and the next client's after them,
// never two writes at once.
func TestKeepIdleKeepsOrder(t *testing.T) {
	g := &gate{open: make(chan struct{}), wrote: make(chan struct{}, 2)}
	r := startIO(t, nil, g, "-lkv", "-d", "-w", "300ms", "127.0.0.1", "0")
	addr := r.addr(t)
	for _, text := range []string{"first", "second"} {
		c := dialT(t, "tcp", addr)
		c.Write([]byte(text))
		if _, err := c.Read(make([]byte, 1)); err == nil { // stdout is stuck: nc gives up on it
			t.Fatalf("the %s client was not given up on", text)
		}
	}
	close(g.open)
	for range 2 {
		select {
		case <-g.wrote:
		case <-time.After(wait):
			t.Fatal("the clients' bytes never reached stdout")
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.overlap || g.buf.String() != "firstsecond" {
		t.Fatalf("stdout %q, writes at once: %v; want \"firstsecond\" written in turn", g.buf.String(), g.overlap)
	}
}
