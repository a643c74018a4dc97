package check

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// args is a parsed command line of `socklab check`.
type args struct {
	exercise   string
	addr       string
	timeout    time.Duration
	json       bool
	gradescope string
	command    []string
	help       bool
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parseArgs reads `socklab check`'s arguments: options may come before or
// after the exercise and address; everything after "--" is the command.
func parseArgs(list []string) (args, error) {
	var a args
	var pos []string
	for i := 0; i < len(list); i++ {
		s := list[i]
		if s == "--" {
			a.command = list[i+1:]
			if len(a.command) == 0 {
				return a, usageError{words.T("check.usage.empty_command", pythonCmd())}
			}
			break
		}
		if !strings.HasPrefix(s, "-") || s == "-" {
			pos = append(pos, s)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(s, "-"), "=")
		takes := name == "timeout" || name == "gradescope" || name == "lang"
		if takes && !hasValue {
			if i+1 >= len(list) {
				return a, usageError{words.T("check.usage.needs_value", s)}
			}
			i++
			value = list[i]
		}
		switch {
		case name == "timeout":
			d, err := time.ParseDuration(value)
			if err != nil {
				if n, nerr := strconv.ParseFloat(value, 64); nerr == nil {
					d, err = time.Duration(n*float64(time.Second)), nil
				}
			}
			if err != nil || d <= 0 || d > time.Hour {
				return a, usageError{words.T("check.usage.bad_timeout", value)}
			}
			a.timeout = d
		case name == "gradescope":
			a.gradescope = value
		case name == "lang":
			l, ok := words.Parse(value)
			if !ok {
				return a, usageError{words.T("lang.bad", value)}
			}
			words.SetLang(l)
		case name == "json" && !hasValue:
			a.json = true
		case (name == "h" || name == "help") && !hasValue:
			a.help = true
		default:
			return a, usageError{words.T("check.usage.unknown_option", s)}
		}
	}
	if len(pos) > 2 {
		return a, usageError{words.T("check.usage.extra", pos[2])}
	}
	if len(pos) > 0 {
		a.exercise = pos[0]
	}
	if len(pos) > 1 {
		addr, err := normalizeAddr(pos[1])
		if err != nil {
			return a, err
		}
		a.addr = addr
	}
	return a, nil
}

// normalizeAddr accepts HOST:PORT, :PORT or PORT (the last two on
// 127.0.0.1).
func normalizeAddr(s string) (string, error) {
	if _, err := strconv.Atoi(s); err == nil {
		s = ":" + s
	}
	host, port, err := net.SplitHostPort(s)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n < 1 || n > 65535 {
		return "", usageError{words.T("check.usage.bad_addr", s)}
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// Main runs `socklab check` with its arguments and returns the exit
// status: 0 when every case passed, 1 when one failed, 2 for bad usage or
// a results file that cannot be written.
// color says whether stdout is a terminal that shows colours.
func Main(ctx context.Context, list []string, stdout, stderr io.Writer, color bool) int {
	a, err := parseArgs(list)
	if err != nil {
		fmt.Fprintln(stderr, words.T("label.error"), err)
		fmt.Fprintln(stderr, words.T("check.usage"))
		return 2
	}
	if a.help {
		fmt.Fprintln(stdout, words.T("check.usage"))
		listExercises(stdout)
		return 0
	}
	if a.exercise == "" {
		listExercises(stdout)
		return 0
	}
	x := Lookup(a.exercise)
	if x == nil {
		fmt.Fprintln(stderr, words.T("label.error"), words.T("check.usage.unknown_exercise", a.exercise))
		listExercises(stderr)
		return 2
	}
	if !x.Server && len(a.command) == 0 {
		fmt.Fprintln(stderr, words.T("label.error"), words.T("check.usage.client_needs_command", x.Name, pythonCmd()))
		return 2
	}
	// The results file is opened before the program runs: a path that
	// cannot be written costs no run (and, written after, no report).
	var results *os.File
	if a.gradescope != "" {
		if results, err = os.OpenFile(a.gradescope, os.O_WRONLY|os.O_CREATE, 0o644); err != nil {
			fmt.Fprintln(stderr, words.T("label.error"), words.T("check.cannot_write", a.gradescope, say.Error(err)))
			return 2 // nothing was checked: not a failing case
		}
		defer results.Close() // a second Close after writeResults' is harmless
	}
	rep := Run(ctx, x, Options{Addr: a.addr, Timeout: a.timeout, Command: a.command})
	if a.json {
		_ = WriteJSON(stdout, rep)
	} else {
		WriteText(stdout, rep, color)
	}
	status := 0
	if !rep.Passed {
		status = 1
	}
	if results != nil {
		if err := writeResults(results, rep); err != nil {
			fmt.Fprintln(stderr, words.T("label.error"), words.T("check.cannot_write", a.gradescope, say.Error(err)))
			status = 2 // the grade is lost, whatever the cases said
		}
	}
	return status
}

// writeResults replaces f's contents with rep as Gradescope's results.json;
// a file that is not a regular one (a pipe, /dev/stdout, /dev/null) is
// written to as it is, as it can be neither truncated nor written at an
// offset.
func writeResults(f *os.File, rep Report) error {
	var b bytes.Buffer
	_ = WriteGradescope(&b, rep)
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		if _, err := f.Write(b.Bytes()); err != nil {
			return err
		}
		return f.Close()
	}
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt(b.Bytes(), 0); err != nil {
		return err
	}
	return f.Close()
}

func listExercises(w io.Writer) {
	fmt.Fprintln(w, words.T("check.list_head"))
	for _, x := range Exercises() {
		fmt.Fprintf(w, "  %-19s %-4s %-16s %s\n", x.Name, x.Network, x.Addr, x.About())
	}
}
