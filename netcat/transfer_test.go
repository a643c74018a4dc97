package netcat

import (
	"bytes"
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"testing"
)

const bigSize = 64 << 20

// bigFile writes bigSize random bytes to a temporary file, rewound, and
// returns it with its SHA-256.
func bigFile(t *testing.T) (*os.File, [32]byte) {
	t.Helper()
	f := tempFile(t)
	r := rand.NewChaCha8([32]byte{1, 2, 3})
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(f, h), r, bigSize); err != nil {
		t.Fatal(err)
	}
	f.Seek(0, io.SeekStart)
	return f, [32]byte(h.Sum(nil))
}

func fileSum(t *testing.T, f *os.File) [32]byte {
	t.Helper()
	f.Seek(0, io.SeekStart)
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil || n != bigSize {
		t.Fatalf("output has %d bytes, want %d (%v)", n, bigSize, err)
	}
	return [32]byte(h.Sum(nil))
}

// pipeFrom returns the read end of a pipe fed with f by a goroutine, so
// stdin is a pipe (the splice path).
func pipeFrom(t *testing.T, f *os.File) *os.File {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pr.Close() })
	go func() {
		io.Copy(pw, f)
		pw.Close()
	}()
	return pr
}

// TestBigClientToListener sends 64 MiB from a client to a listener: stdin a
// regular file (sendfile), a pipe (splice) and a plain reader (buffers).
func TestBigClientToListener(t *testing.T) {
	for _, kind := range []string{"file", "pipe", "reader"} {
		t.Run(kind, func(t *testing.T) {
			src, want := bigFile(t)
			out := tempFile(t)
			l := startIO(t, nil, out, "-lv", "-d", "127.0.0.1", "0")
			host, port := splitAddr(l.addr(t))
			var stdin io.Reader = src
			switch kind {
			case "pipe":
				stdin = pipeFrom(t, src)
			case "reader":
				stdin = io.MultiReader(src) // hides *os.File
			}
			c := start(t, stdin, "-N", host, port)
			if s := c.status(t); s != 0 {
				t.Fatalf("client status %d: %s", s, c.stderr)
			}
			if s := l.status(t); s != 0 {
				t.Fatalf("listener status %d: %s", s, l.stderr)
			}
			if fileSum(t, out) != want {
				t.Fatal("SHA-256 differs")
			}
		})
	}
}

// TestBigListenerToClient sends 64 MiB from a listener to a client.
func TestBigListenerToClient(t *testing.T) {
	src, want := bigFile(t)
	out := tempFile(t)
	l := start(t, src, "-lvN", "127.0.0.1", "0")
	host, port := splitAddr(l.addr(t))
	c := startIO(t, nil, out, "-d", host, port)
	if s := c.status(t); s != 0 {
		t.Fatalf("client status %d: %s", s, c.stderr)
	}
	if s := l.status(t); s != 0 {
		t.Fatalf("listener status %d: %s", s, l.stderr)
	}
	if fileSum(t, out) != want {
		t.Fatal("SHA-256 differs")
	}
}

// TestInteropSystemNC exchanges data both ways with netcat-openbsd.
func TestInteropSystemNC(t *testing.T) {
	nc, err := exec.LookPath("nc")
	if err != nil {
		t.Skip("nc not installed: apt-get install netcat-openbsd")
	}
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	t.Run("nc client", func(t *testing.T) {
		l := start(t, bytes.NewReader(data), "-lvN", "127.0.0.1", "0")
		host, port := splitAddr(l.addr(t))
		cmd := exec.Command(nc, host, port) // no -N: a FIN would end our listener early, as in nc
		cmd.Stdin = bytes.NewReader([]byte("from nc"))
		got, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("nc got %d bytes, want %d", len(got), len(data))
		}
		if s := l.status(t); s != 0 || l.stdout.String() != "from nc" {
			t.Fatalf("status %d stdout %q", s, l.stdout)
		}
	})
	t.Run("nc listener", func(t *testing.T) {
		ln, port := server(t)
		ln.Close() // a free port for nc to listen on
		cmd := exec.Command(nc, "-lv", "127.0.0.1", port)
		var got bytes.Buffer
		stderr := newSyncBuffer()
		cmd.Stdout, cmd.Stderr = &got, stderr
		cmd.Stdin = bytes.NewReader([]byte("from nc"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		stderr.waitFor(t, "Listening on")
		c := start(t, bytes.NewReader(data), "-N", "127.0.0.1", port)
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
		if s := c.status(t); s != 0 {
			t.Fatalf("status %d: %s", s, c.stderr)
		}
		if !bytes.Equal(got.Bytes(), data) {
			t.Fatalf("nc got %d bytes, want %d", got.Len(), len(data))
		}
		if c.stdout.String() != "from nc" {
			t.Fatalf("socklab got %q", c.stdout)
		}
	})
}

// TestReplyBeforeResetKept: a server that reads a little, replies and
// closes (a reset, as it leaves data unread: an HTTP 413) has its reply
// written out, as nc does, although sending stdin failed; it was lost about
// every other time.
func TestReplyBeforeResetKept(t *testing.T) {
	for _, args := range [][]string{{}, {"-w", "30"}} { // the kernel's paths and the copying one
		for i := 0; i < 8; i++ {
			ln, port := server(t)
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			go func() { io.Copy(pw, rand.NewChaCha8([32]byte{})) }() // endless: sending ends by the reset
			r := start(t, pr, append(args, "127.0.0.1", port)...)
			c := accept(t, ln)
			io.ReadFull(c, make([]byte, 10))
			c.Write([]byte("413 too large\n"))
			c.Close()
			s := r.status(t)
			pr.Close()
			pw.Close()
			if got := r.stdout.String(); s != 0 || got != "413 too large\n" {
				t.Fatalf("%q run %d: status %d, stdout %q, stderr %q", args, i, s, got, r.stderr)
			}
		}
	}
}
