package repl

import (
	"io"
	"sync"

	"github.com/chzyer/readline"
)

// wakeReader is the terminal input given to readline. Like readline's
// CancelableStdin it reads only when asked and Close ends a waiting Read;
// besides, Wake ends a waiting Read at once with one injected byte,
// Ctrl-] reads as Ctrl-C, and a NUL byte as Ctrl-G (see Read). (Mapped
// inside readline instead, with FuncFilterInputRune, Ctrl-] would leave
// readline's reader running past the end of the line, and a line typed
// ahead during a command would race with the next prompt.)
// (readline's own WriteStdin is seen only after the next key press, since
// its read of the terminal is already waiting.) A read of the terminal
// that a wake overtook is kept for the next Read: no key press is lost.
type wakeReader struct {
	r    io.Reader
	got  chan readResult // what the reading goroutine read
	next chan struct{}   // asks it for the next read
	wake chan byte
	stop chan struct{}
	once sync.Once

	mu      sync.Mutex // one Read at a time; guards the fields below
	pending bool       // the goroutine is reading
	left    []byte     // read but not yet returned
	err     error      // the error after left
}

type readResult struct {
	b   []byte
	err error
}

func newWakeReader(r io.Reader) *wakeReader {
	w := &wakeReader{r: r, got: make(chan readResult), next: make(chan struct{}),
		wake: make(chan byte, 4), stop: make(chan struct{})}
	go w.loop()
	return w
}

// loop reads r into its own buffer each time Read asks.
func (w *wakeReader) loop() {
	buf := make([]byte, 4096)
	for {
		select {
		case <-w.next:
		case <-w.stop:
			return
		}
		n, err := w.r.Read(buf)
		select {
		case w.got <- readResult{append([]byte(nil), buf[:n]...), err}:
		case <-w.stop:
			return
		}
	}
}

// Read implements io.Reader.
func (w *wakeReader) Read(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.left) == 0 && w.err == nil && !w.pending {
		select {
		case w.next <- struct{}{}:
			w.pending = true
		case <-w.stop:
			return 0, io.EOF
		}
	}
	if len(w.left) == 0 && w.err == nil {
		select {
		case r := <-w.got:
			w.pending = false
			w.left, w.err = r.b, r.err
		case c := <-w.wake:
			p[0] = c
			return 1, nil
		case <-w.stop:
			return 0, io.EOF
		}
	}
	n := copy(p, w.left)
	w.left = w.left[n:]
	for i, c := range p[:n] {
		switch c {
		case ctrlBracket:
			p[i] = readline.CharInterrupt
		case 0:
			// The line editor takes a NUL for the end of input and
			// quits: Ctrl-Space or Ctrl-@, and the NUL a terminal
			// leaves for a Ctrl-D typed while a command ran. It is a
			// key that does nothing (Ctrl-G), as in bash and Python.
			p[i] = readline.CharBell
		}
	}
	if len(w.left) > 0 || w.err == nil {
		return n, nil
	}
	err := w.err
	w.err = nil
	return n, err
}

// Wake makes a waiting Read, or the next one, return c at once. A few
// wakes queue (the prompt gate's and an interrupt can meet); past that,
// one of the same kind is already waiting and this one is dropped.
func (w *wakeReader) Wake(c byte) {
	select {
	case w.wake <- c:
	default:
	}
}

// Close makes every Read return io.EOF; a read of r under way is left to
// finish in the background.
func (w *wakeReader) Close() error {
	w.once.Do(func() { close(w.stop) })
	return nil
}
