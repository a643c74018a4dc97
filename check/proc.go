package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

// outputLimit bounds what is kept of a program's stdout and of its stderr.
const outputLimit = 1 << 20

// limitedBuffer keeps the first outputLimit bytes written to it.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := outputLimit - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// program is one run of the student's command, in a process group of its
// own so that stop ends it with every process it started.
type program struct {
	cmd    *exec.Cmd
	stdout limitedBuffer
	stderr limitedBuffer
	done   chan struct{}
	err    error   // Wait's result, set before done closes
	fam    *family // what it started, for stop
}

// errNoStart is a command that could not be started at all.
type errNoStart struct{ err error }

func (e errNoStart) Error() string { return e.err.Error() }

// Unwrap returns the system's error, so that it is said in the catalog's
// words.
func (e errNoStart) Unwrap() error { return e.err }

// startProgram starts args with stdin as its standard input (empty when
// stdin is nil).
func startProgram(args []string, stdin []byte) (*program, error) {
	p := &program{done: make(chan struct{})}
	p.cmd = exec.Command(args[0], args[1:]...)
	p.cmd.Stdin = bytes.NewReader(stdin)
	p.cmd.Env = pythonEnv(os.Environ())
	p.cmd.Stdout = &p.stdout
	p.cmd.Stderr = &p.stderr
	p.cmd.WaitDelay = time.Second
	ownGroup(p.cmd)
	p.fam = newFamily(p.cmd)
	if err := p.cmd.Start(); err != nil {
		p.fam.finish()
		return nil, errNoStart{err}
	}
	p.fam.started(p.cmd.Process.Pid, p.exited)
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// pythonEnv returns env with what a Python program needs to be checked
// as it runs in a terminal, each unless env sets it already (to something,
// as Python reads it): PYTHONUNBUFFERED=1, as Python buffers what it
// prints to a pipe and loses it when it is stopped, and the report shows a
// program's output as it was written when the program is stopped still
// running; PYTHONIOENCODING=utf-8, as Python reads and writes a pipe in
// the system's encoding (on Windows the ANSI code page, cp1252), not in
// the UTF-8 of a terminal: the course's chat client read the typed
// "olá, servidor" as "olÃ¡, servidor" and sent that.
func pythonEnv(env []string) []string {
	for _, kv := range [...]string{"PYTHONUNBUFFERED=1", "PYTHONIOENCODING=utf-8"} {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.ContainsFunc(env, func(e string) bool {
			v, ok := strings.CutPrefix(e, name+"=")
			return ok && v != ""
		}) {
			env = append(env, kv)
		}
	}
	return env
}

// exited reports whether the program has ended.
func (p *program) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait waits up to d (or until ctx ends) for the program to end and
// reports whether it did.
func (p *program) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-p.done:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// stop ends the program's whole process group and every other process
// it started (see family): a polite signal first, then a kill; it waits
// for the program (bounded by WaitDelay), then kills and reaps what it
// left (bounded by finishBound).
func (p *program) stop() {
	defer p.fam.finish()
	kill := func(hard bool) {
		killGroup(p.cmd, hard)
		p.fam.signal(hard)
	}
	if p.exited() {
		kill(true) // anything it left running
		return
	}
	kill(false)
	t := time.NewTimer(300 * time.Millisecond)
	defer t.Stop()
	select {
	case <-p.done:
		kill(true)
		return
	case <-t.C:
	}
	kill(true)
	<-p.done
}

// status describes how the program ended: "0", "1", "killed by signal"...
func (p *program) status() string {
	var ee *exec.ExitError
	switch {
	case p.err == nil:
		return "0"
	case errors.As(p.err, &ee) && ee.ExitCode() >= 0:
		return fmt.Sprint(ee.ExitCode())
	default:
		return p.err.Error()
	}
}

// tail returns the last lines the program wrote (stderr first, where a
// traceback goes, else stdout), at most n lines, each cut at showLimit
// bytes. A line may end in CRLF (Python on Windows writes text so).
func (p *program) tail(n int) string {
	s := strings.TrimRight(p.stderr.String(), "\r\n")
	if s == "" {
		s = strings.TrimRight(p.stdout.String(), "\r\n")
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	for i, l := range lines {
		if cut, more := shown([]byte(l)); more {
			lines[i] = string(cut) + "..."
		}
	}
	return strings.Join(lines, "\n")
}
