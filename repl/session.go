package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/socklab/socklab/luanet"
	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// Session is one shell: its socket table, its current socket, and the one
// printer all its output goes through. Commands receive it in [Command.Run].
// Its methods are safe for use by several goroutines, but commands run one
// at a time through [Session.Exec].
type Session struct {
	table *netops.Table
	out   *printer
	cfg   config

	execMu sync.Mutex // one command at a time

	mu        sync.Mutex
	current   int         // id of the current socket, 0 for none
	busy      map[int]int // sockets a command is reading or accepting on (no notices)
	noteShown map[string]bool
	quit      chan struct{} // closed by quit/exit
	quitOnce  sync.Once
	stuck     atomic.Bool // a foreground run could not be stopped: the shell ends, with status 130
	bgCtx     context.Context
	bgStop    context.CancelFunc
	bg        sync.WaitGroup
	closeOnce sync.Once
	teaching  teachState   // explain and record (teach_*.go)
	captures  captureState // capture and ladder (capture.go)
	tlsListen sync.Map     // listener id -> *tls.Config of listen --tls (tls.go)

	pollOnce sync.Once
	poller   *netops.Poller // arrival notices' waits (Linux); nil: Watch's own
}

// config sets up a [Session].
type config struct {
	out, errOut io.Writer // where the printer writes
	color       bool      // colour the error:, hint: and note: labels
	notices     bool      // print arrival notices (interactive use)
	terminal    bool      // the person types at a terminal, which echoes ^C
	inert       bool      // output goes to a terminal: scripts' output is shown inert (say.Inert)
	input       lineSource
	allowExec   bool  // scripts run here may use os.execute and io.popen
	memory      int64 // each lua run's memory budget; 0: luanet's default
}

// lineSource gives the lines a person types; interact reads from it.
type lineSource interface {
	// readLine returns the next line without its newline. It returns
	// io.EOF at the end of input (Ctrl-D) and errInterrupt on Ctrl-C or
	// Ctrl-].
	readLine(prompt string) (string, error)
}

// errInterrupt is what a lineSource returns when the person presses Ctrl-C.
var errInterrupt = errors.New("interrupted")

// newSession returns a session writing as cfg says.
func newSession(cfg config) *Session {
	s := &Session{table: netops.NewTable(), cfg: cfg, busy: map[int]int{},
		noteShown: map[string]bool{}, quit: make(chan struct{})}
	s.out = newPrinter(cfg.out, cfg.errOut, cfg.color)
	s.bgCtx, s.bgStop = context.WithCancel(context.Background())
	return s
}

// Table returns the session's socket table.
func (s *Session) Table() *netops.Table { return s.table }

// Printf prints a formatted message through the session's printer, adding
// a final newline if it lacks one. Everything a command shows goes through
// Printf or [Session.Event].
func (s *Session) Printf(format string, a ...any) { s.out.print(kindOut, fmt.Sprintf(format, a...)) }

// Event prints one line about socket id: "[id] " and the formatted text.
func (s *Session) Event(id int, format string, a ...any) {
	s.out.print(kindOut, fmt.Sprintf("[%d] ", id)+fmt.Sprintf(format, a...))
}

// Note prints "note: text" the first time key is noted in this session.
func (s *Session) Note(key, text string) {
	s.mu.Lock()
	shown := s.noteShown[key]
	s.noteShown[key] = true
	s.mu.Unlock()
	if !shown {
		s.out.print(kindNote, words.T("label.note")+" "+text)
	}
}

// PrintError prints err as the shell's loop does: "error: ..." and hints.
func (s *Session) PrintError(err error) { s.out.print(kindError, s.formatError(err)) }

// Current returns the current socket, or nil when there is none (or it
// has been closed).
func (s *Session) Current() *netops.Socket {
	s.mu.Lock()
	id := s.current
	s.mu.Unlock()
	if sock, err := s.table.Get(id); err == nil {
		return sock
	}
	return nil
}

// SetCurrent makes sock the current socket.
func (s *Session) SetCurrent(sock *netops.Socket) {
	s.mu.Lock()
	s.current = sock.ID
	s.mu.Unlock()
}

// Adopt files a socket the shell opened: it becomes the current one and,
// interactively, arrival notices are printed for it (see [Socket.Watch]).
func (s *Session) Adopt(sock *netops.Socket) {
	s.SetCurrent(sock)
	if s.cfg.notices {
		s.pollOnce.Do(func() { s.poller, _ = netops.NewPoller() })
		go sock.WatchWith(s.poller, func(a netops.Arrival) { s.notice(sock, a) })
	}
}

// hold marks sock as being read (or accepted on) by a command, which
// silences its arrival notices; call the returned func when done.
func (s *Session) hold(sock *netops.Socket) func() {
	s.mu.Lock()
	s.busy[sock.ID]++
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		if s.busy[sock.ID]--; s.busy[sock.ID] <= 0 {
			delete(s.busy, sock.ID)
		}
		s.mu.Unlock()
	}
}

// notice prints what waits on sock, unless a command is already taking it.
func (s *Session) notice(sock *netops.Socket, a netops.Arrival) {
	s.mu.Lock()
	busy := s.busy[sock.ID] > 0
	s.mu.Unlock()
	if busy || sock.Closed() {
		return
	}
	switch {
	case a.Clients > 0:
		if a.Clients == 1 {
			s.Event(sock.ID, "%s", words.T("notice.client"))
		} else {
			s.Event(sock.ID, "%s", words.T("notice.clients", a.Clients))
		}
	case a.Err != nil && a.Pending == 0:
		s.Event(sock.ID, "%s", words.T("notice.error", say.Error(a.Err)))
	case a.EOF && sock.WasReset(): // the end a reset leaves, not a FIN: the reset was told
	case a.EOF && sock.Proto == "unix": // no FIN on a UNIX socket
		s.Event(sock.ID, "%s", words.T("unix.notice_eof"))
	case a.EOF:
		s.Event(sock.ID, "%s", words.T("notice.fin"))
	case a.Pending > 0:
		more := ""
		if a.Pending > len(a.Preview) {
			more = "..."
			a.Preview = a.Preview[:say.CompleteUpTo(a.Preview)] // the preview's cut, not the peer's, split that character
		}
		s.Event(sock.ID, "%s", words.T("notice.bytes", byteCount(a.Pending), quoteBytes(a.Preview), more))
	}
}

// byteCount returns "1 byte" or "5 bytes".
func byteCount(n int) string { return words.N("n.bytes", int64(n)) }

// Go runs fn in the background, as `run SCRIPT &` does: its error, if any,
// is printed as "error: name: ...", and fn's context ends when the session
// closes, which waits for fn to return.
func (s *Session) Go(name string, fn func(ctx context.Context) error) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer func() {
			if r := recover(); r != nil {
				s.PrintError(errors.New(words.T("shell.internal", name, r)))
			}
		}()
		if err := fn(s.bgCtx); err != nil && !errors.Is(err, context.Canceled) {
			s.PrintError(fmt.Errorf("%s: %w", name, err))
		}
	}()
}

// Done returns a channel closed when the person has asked to quit.
func (s *Session) Done() <-chan struct{} { return s.quit }

// Close ends the session: it stops background work, closes every socket and
// writes what remains to be printed.
func (s *Session) Close() {
	s.closeOnce.Do(func() {
		s.stopCapture()
		s.bgStop()
		s.table.CloseAll()
		s.pollOnce.Do(func() {}) // no poller is made after this
		if s.poller != nil {
			s.poller.Close()
		}
		s.bg.Wait()
		s.stopRecord()
		s.out.close()
	})
}

// Exec runs one line of shell commands (several when separated by `;`), in
// order, printing their output and errors as the interactive shell does,
// and going on after a failed command. It returns the failures joined, or
// nil when all went well. After `quit` it runs nothing more (see
// [Session.Done]). -c, stdin and tests all come through here.
func (s *Session) Exec(ctx context.Context, line string) error {
	s.execMu.Lock()
	defer s.execMu.Unlock()
	defer s.out.flush()
	stmts, err := tokenize(line)
	if err != nil {
		err = withHint(err, words.T("shell.close_quote"))
		s.PrintError(err)
		return err
	}
	var errs []error
	for _, st := range stmts {
		select {
		case <-s.quit:
			return errors.Join(errs...)
		default:
		}
		if ctx.Err() != nil {
			break
		}
		if err := s.run(ctx, st); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// run runs one command, recovering from its panic, and prints its error.
func (s *Session) run(ctx context.Context, st []token) (err error) {
	name := st[0].Text
	cmd := lookup(name)
	if cmd == nil || st[0].Quoted {
		err = unknownCommand(name)
		s.PrintError(err)
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(words.T("shell.internal", cmd.Name, r))
		}
		if err != nil {
			s.report(err)
		}
	}()
	s.recordCommand(cmd.Name, st[1:])
	a, err := s.parse(cmd, st[1:])
	if err != nil {
		return err
	}
	defer s.noteStates()
	defer s.catchUpCapture()
	return cmd.Run(ctx, s, a)
}

// report prints a command's error; a cancelled wait is an event, not an error.
func (s *Session) report(err error) {
	if errors.Is(err, context.Canceled) && !errors.Is(err, luanet.ErrStuck) {
		text := words.T("shell.canceled")
		var oe *netops.OpError
		if errors.As(err, &oe) {
			text = words.T("shell.op_canceled", oe.Op)
			if oe.ID > 0 {
				text = fmt.Sprintf("[%d] %s", oe.ID, text)
			}
		}
		var p *partial
		if errors.As(err, &p) {
			text += ": " + p.text()
		}
		if s.cfg.terminal {
			text = "\r" + text // over the ^C the terminal echoed
		}
		s.Printf("%s", text)
		return
	}
	s.PrintError(err)
}
