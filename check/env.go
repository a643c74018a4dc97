package check

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// minStartWait is the least a check waits for a program it started to
// listen (or answer), however short the timeout: a busy machine can take
// seconds to start an interpreter.
const minStartWait = 5 * time.Second

// maxStarts bounds how many times a check starts the student's program.
const maxStarts = 40

// env is one check's state: where, how long, the student's program, and
// the verdicts so far.
type env struct {
	ex        *Exercise
	addr      string
	timeout   time.Duration
	cmd       []string
	prog      *program
	starts    int
	connected bool // a connection to the student's server has worked
	cases     int  // server cases run so far
	results   map[string]Result
	blocked   *failure     // why the cases without a verdict could not run
	stopped   func() error // the check's ctx.Err: not nil once it was interrupted
}

// failure is a failing case's explanation, rendered into a [Result].
type failure struct {
	expected, got []byte
	bytes         bool   // expected (unless nil) and got are shown
	meaning       string // rendered
	rule          string // rendered
	output        string // the program's last lines, when they help
	ended         bool   // the connection ended before any reply
}

func (f *failure) result() Result {
	r := Result{Meaning: f.meaning, Rule: f.rule, Output: f.output}
	switch {
	case f.bytes && f.expected == nil:
		// Nothing in particular was expected: what came, and its bytes.
		r.Got, r.HexGot = quote(f.got), hexView(f.got)
	case f.bytes:
		r.Expected, r.Got = quote(f.expected), quote(f.got)
		if invisibleOnly(f.expected, f.got) {
			r.HexExpected, r.HexGot = hexView(f.expected), hexView(f.got)
		}
	}
	return r
}

func (e *env) pass(id, note string) {
	if _, done := e.results[id]; !done {
		e.results[id] = Result{Passed: true, Note: note}
	}
}

func (e *env) fail(id string, f *failure) {
	if e.stopped != nil && e.stopped() != nil {
		// Interrupted: what the case saw (nothing "within the timeout",
		// a closed connection) is the interruption, not the program.
		f = &failure{meaning: words.T("check.canceled")}
	}
	if _, done := e.results[id]; !done {
		e.results[id] = f.result()
	}
}

// verdict records a pass with note when f is nil, else the failure.
func (e *env) verdict(id string, f *failure, note string) {
	if f == nil {
		e.pass(id, note)
	} else {
		e.fail(id, f)
	}
}

// block records why the remaining cases cannot run.
func (e *env) block(f *failure) {
	if e.blocked == nil {
		e.blocked = f
	}
}

func (e *env) seconds() string { return e.timeout.String() }

// startWait is how long to wait for a program just started to listen.
func (e *env) startWait() time.Duration { return max(e.timeout, minStartWait) }

// programOutput returns the program's last lines for a failure, or "".
func (e *env) programOutput() string {
	if e.prog == nil {
		return ""
	}
	return e.prog.tail(8)
}

// onCancel closes c when the check is interrupted (ctx ends), so that a
// wait on it ends then rather than at its timeout.
func onCancel(ctx context.Context, c io.Closer) {
	context.AfterFunc(ctx, func() { _ = c.Close() })
}

// start starts the student's command with stdin as its input.
func (e *env) start(stdin []byte) *failure {
	if e.starts >= maxStarts {
		return &failure{meaning: words.T("check.too_many_starts", maxStarts)}
	}
	e.starts++
	p, err := startProgram(e.cmd, stdin)
	if err != nil {
		why := say.Error(err)
		switch {
		case pythonFile(e.cmd[0]):
			why = words.T("check.python_file", e.cmd[0], pythonCmd())
		case errors.Is(err, exec.ErrNotFound):
			why = words.T("check.not_in_path", e.cmd[0])
		case errors.Is(err, exec.ErrDot):
			why = words.T("check.in_current_folder", e.cmd[0], "."+string(filepath.Separator)+e.cmd[0])
		}
		return &failure{meaning: words.T("check.cannot_start", strings.Join(e.cmd, " "), why)}
	}
	e.prog = p
	return nil
}

// pythonFile reports whether name is a Python file that exists, which the
// system cannot start as a program (on Windows never; elsewhere not
// without the execute permission and a #! line).
func pythonFile(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular() && strings.EqualFold(filepath.Ext(name), ".py")
}

// running makes sure a student's server runs, starting it (again) when it
// is not running; with no command it does nothing.
func (e *env) running() *failure {
	if e.cmd == nil || (e.prog != nil && !e.prog.exited()) {
		return nil
	}
	if e.prog != nil {
		e.prog.stop()
	}
	if err := e.addressTaken(); err != nil {
		return &failure{meaning: words.T("check.address_taken", e.addr, say.Error(err))}
	}
	return e.start(nil)
}

// addressTaken returns the error of a bind to the server's address when
// something already holds it, before the student's server is started:
// the student's bind would fail, and the check would talk to that other
// program. A server just stopped may take a moment to let the address go
// (children that held its socket end after their parent), so a taken
// address is tried again for up to a second.
func (e *env) addressTaken() error {
	deadline := time.Now().Add(time.Second)
	for {
		err := netops.Portable(tryBind(e.ex.Network, e.addr)) // Windows: WSAEADDRINUSE
		switch {
		case !errors.Is(err, syscall.EADDRINUSE):
			return nil // free, or not ours to judge: the student's program will say
		case time.Now().After(deadline):
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// tryBind binds network's addr and lets it go at once.
func tryBind(network, addr string) error {
	if network == "udp" {
		c, err := net.ListenPacket(network, addr)
		if err == nil {
			_ = c.Close()
		}
		return err
	}
	ln, err := net.Listen(network, addr)
	if err == nil {
		_ = ln.Close()
	}
	return err
}

// endCase stops the student's server after a case: each case starts it
// afresh, so that a server that exits after one client (as the course's
// originals do) is ready for the next case, and a case that leaves it
// stuck does not spoil the next one.
func (e *env) endCase() {
	if e.prog != nil {
		e.prog.stop()
	}
}

func (e *env) stopProgram() {
	if e.prog != nil {
		e.prog.stop()
	}
}

// exitedFailure explains a program that ended before doing its part
// (the key says what it did not do: listen, connect...).
func (e *env) exitedFailure(key string) *failure {
	return &failure{meaning: words.T(key, e.prog.status(), e.addr), output: e.programOutput()}
}

// dial connects to the student's server as the course's client does:
// with a command, it starts the program when needed and waits (up to the
// timeout) for it to listen.
func (e *env) dial(ctx context.Context) (*net.TCPConn, *failure) {
	if f := e.running(); f != nil {
		return nil, f
	}
	wait := e.timeout
	if e.prog != nil {
		wait = e.startWait()
	}
	deadline := time.Now().Add(wait)
	for {
		d := net.Dialer{Deadline: deadline}
		c, err := d.DialContext(ctx, "tcp", e.addr)
		if err == nil {
			e.connected = true
			return c.(*net.TCPConn), nil
		}
		if ctx.Err() != nil {
			return nil, &failure{meaning: words.T("check.canceled")}
		}
		refused := errors.Is(netops.Portable(err), syscall.ECONNREFUSED) // Windows: WSAECONNREFUSED
		if e.prog != nil && refused && time.Now().Before(deadline) {
			if e.prog.wait(ctx, 50*time.Millisecond) {
				return nil, e.exitedFailure("check.exited_before_listening")
			}
			continue
		}
		return nil, e.dialFailure(err, refused, wait)
	}
}

func (e *env) dialFailure(err error, refused bool, wait time.Duration) *failure {
	switch {
	case e.prog != nil && (refused || isTimeout(err)):
		meaning := words.T("check.never_listened", e.addr, wait.String())
		if at := listeningIn(e.prog.cmd.Process.Pid); len(at) > 0 {
			meaning = words.T("check.listens_elsewhere", e.addr, wait.String(), strings.Join(at, ", "))
		}
		return &failure{meaning: meaning, output: e.programOutput()}
	case (refused || isReset(err)) && e.connected:
		return &failure{meaning: words.T("check.refused_after_first", e.addr), rule: words.T("check.rule.one_client_restart", pythonCmd())}
	case refused:
		return &failure{meaning: words.T("check.refused", e.addr, e.ex.Name, pythonCmd())}
	case isTimeout(err):
		return &failure{meaning: words.T("check.connect_timeout", e.addr, e.seconds())}
	}
	return &failure{meaning: words.T("check.connect_failed", e.addr, say.Error(err))}
}

// acceptFrom waits for the student's client to connect to ln: up to
// within, and not past the program's end.
func (e *env) acceptFrom(ctx context.Context, ln *net.TCPListener, within time.Duration) (*net.TCPConn, *failure) {
	deadline := time.Now().Add(within)
	for {
		_ = ln.SetDeadline(time.Now().Add(50 * time.Millisecond))
		c, err := ln.AcceptTCP()
		if err == nil {
			return c, nil
		}
		if ctx.Err() != nil {
			return nil, &failure{meaning: words.T("check.canceled")}
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, &failure{meaning: words.T("check.accept_failed", e.addr, say.Error(err))}
		}
		if e.prog.exited() {
			return nil, e.exitedFailure("check.exited_before_connecting")
		}
		if time.Now().After(deadline) {
			return nil, &failure{meaning: words.T("check.never_connected", e.addr, within.String()), output: e.programOutput()}
		}
	}
}

// listenTCP listens where the student's client will connect.
func (e *env) listenTCP() (*net.TCPListener, *failure) {
	ln, err := net.Listen("tcp", e.addr)
	if err != nil {
		return nil, &failure{meaning: words.T("check.cannot_listen", e.addr, say.Error(err))}
	}
	return ln.(*net.TCPListener), nil
}
