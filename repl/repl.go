// Package repl is socklab's interactive shell.
//
// # Commands
//
// One table of [Command] values (see [Commands]) drives parsing, `help`,
// tab completion and the "did you mean" on a typo. Each group of commands
// lives in its own cmd_*.go file.
//
// # Output
//
// Everything the shell shows goes through one printer goroutine (see
// printer.go), so that data arriving while the person types appears above
// the prompt without breaking the line being typed. Only the shell's loop,
// [Session.Exec], prints errors: "error: ..." and "hint: ..." lines.
package repl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/chzyer/readline"

	"github.com/socklab/socklab/words"
)

// Options configure [Run].
type Options struct {
	Commands    string   // with HasCommands: the -c commands, separated by ; or newlines
	HasCommands bool     // -c was given
	Stdin       *os.File // the shell reads commands here (a terminal: interactive)
	Stdout      io.Writer
	Stderr      io.Writer
	AllowExec   bool  // scripts may use os.execute and io.popen
	Memory      int64 // each lua run's memory budget (luanet.Options.Memory); 0: the default
}

// ExitInterrupted is the exit status after SIGINT or SIGTERM stopped the
// shell or a script: 128+SIGINT, as shells report it (nc mode's is the same).
const ExitInterrupted = 130

// Run runs the shell and returns the exit status. On a terminal it is the
// interactive shell (status 0). With -c, or when stdin is not a terminal,
// it runs the commands in order, printing what the interactive shell would
// (without prompt or colour on stdout; errors go to stderr), goes on after a
// failed command, and returns 1 if any command failed, 0 otherwise, and 2
// when the -c text cannot be parsed (an unterminated quote); 130 when
// SIGINT or SIGTERM stopped it.
func Run(o Options) int {
	if !o.HasCommands && o.Stdin != nil && readline.IsTerminal(int(o.Stdin.Fd())) {
		return interactive(o)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var in *bufio.Reader
	if o.Stdin != nil {
		in = bufio.NewReader(o.Stdin)
	}
	src := &pipeSource{src: &readerSource{r: in}}
	s := newSession(config{out: o.Stdout, errOut: o.Stderr, color: useColor(o.Stderr), inert: isTerminal(o.Stdout), input: src, allowExec: o.AllowExec, memory: o.Memory})
	defer s.Close()
	if o.HasCommands {
		if _, err := tokenize(o.Commands); err != nil {
			s.PrintError(withHint(fmt.Errorf("-c: %w", err), words.T("shell.close_quote")))
			return 2
		}
		err := s.Exec(ctx, o.Commands)
		switch {
		case ctx.Err() != nil:
			return ExitInterrupted
		case err != nil:
			return 1
		}
		return 0
	}
	status := 0
	for ctx.Err() == nil && !isDone(s) {
		line, err := src.readCtx(ctx, "") // SIGTERM or Ctrl-C while stdin has nothing to say: the read is left to the process's exit
		if errors.Is(err, errLineTooLong) {
			s.PrintError(withHint(errors.New(words.T("session.line_long", maxLine)), words.T("session.one_per_line")))
			status = 1
			continue
		}
		if err != nil && line == "" {
			break
		}
		if s.Exec(ctx, line) != nil {
			status = 1
		}
	}
	if ctx.Err() != nil {
		status = ExitInterrupted
	}
	return status
}

// maxLine is the longest command line read from a non-terminal input: a
// stream without newlines (socklab < /dev/zero) must not fill memory.
const maxLine = 1 << 20

// errLineTooLong reports an input line longer than maxLine; the whole
// logical line (with the lines a backslash continued it on) is skipped.
var errLineTooLong = errors.New("input line too long")

// readBounded reads up to and including the next newline, at most limit
// bytes of it; a longer line is read to its end, dropped, and reported as
// errLineTooLong, with the dropped line's last two bytes before its newline
// as tail (so that the caller can tell whether a backslash continued it).
func readBounded(r *bufio.Reader, limit int) (line, tail string, err error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b)+len(chunk) > limit {
			last := append(b[max(0, len(b)-2):], chunk...)
			for err == bufio.ErrBufferFull {
				chunk, err = r.ReadSlice('\n')
				last = append(last[max(0, len(last)-2):], chunk...)
			}
			if err != nil && err != io.EOF {
				return "", "", err
			}
			last = bytes.TrimSuffix(last, []byte("\n"))
			return "", string(last[max(0, len(last)-2):]), errLineTooLong
		}
		b = append(b, chunk...)
		if err != bufio.ErrBufferFull {
			return string(b), "", err
		}
	}
}

// readerSource reads lines from a non-terminal input; a line ending in a
// backslash continues on the next one. When a part of such a logical line
// is too long, all of it is skipped: nothing of it runs. A UTF-8 byte
// order mark that begins the input (Windows' Notepad and PowerShell write
// one) is dropped.
type readerSource struct {
	r     *bufio.Reader
	begun bool // a line has been read
}

// bom is the UTF-8 byte order mark.
const bom = "\ufeff"

func (r *readerSource) readLine(string) (string, error) {
	line, err := r.readLogical()
	if !r.begun {
		r.begun = true
		line = strings.TrimPrefix(line, bom)
	}
	return line, err
}

// readLogical reads the next logical line.
func (r *readerSource) readLogical() (string, error) {
	if r.r == nil {
		return "", io.EOF
	}
	var sb strings.Builder
	tooLong := false
	for {
		line, tail, err := readBounded(r.r, maxLine-sb.Len())
		if err == errLineTooLong {
			tooLong, line, err = true, tail, nil
			sb.Reset()
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if continued(line) && err == nil {
			if !tooLong {
				sb.WriteString(line[:len(line)-1])
			}
			continue
		}
		if tooLong {
			return "", errLineTooLong
		}
		sb.WriteString(line)
		if err != nil && sb.Len() == 0 {
			return "", err
		}
		return sb.String(), nil
	}
}

// continued reports whether a line ends in a backslash that continues it
// on the next line (one that is not itself escaped, as in \\).
func continued(line string) bool {
	return strings.HasSuffix(line, "\\") && !strings.HasSuffix(line, "\\\\")
}
