package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"

	"github.com/socklab/socklab/lab"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// startLab runs socklab with args again inside a private network (see
// package lab) and returns its exit status.
func startLab(args []string, stdin *os.File, stdout, stderr io.Writer) int {
	if lang := words.Current().String(); lang != "en" {
		args = append([]string{"--lang", lang}, args...)
	}
	status, err := lab.Start(args, stdin, stdout, stderr)
	if err != nil {
		labError(stderr, err)
		return 1
	}
	return status
}

// enterLab sets the lab up from inside and says where the person is; it
// returns a non-zero exit status when the lab cannot be used.
func enterLab(stderr io.Writer) int {
	if err := lab.Setup(); err != nil {
		labError(stderr, err)
		return 1
	}
	fmt.Fprintln(stderr, words.T("lab.started"))
	return 0
}

// labError words why the lab could not be made.
func labError(stderr io.Writer, err error) {
	var le *lab.Error
	switch {
	case errors.Is(err, lab.ErrNeedLinux):
		fmt.Fprintln(stderr, words.T("label.error"), words.T("lab.need_linux"))
		if runtime.GOOS == "windows" {
			fmt.Fprintln(stderr, words.T("label.hint"), words.T("lab.hint_wsl"))
		} else {
			fmt.Fprintln(stderr, words.T("label.hint"), words.T("lab.hint_other_os"))
		}
	case errors.As(err, &le) && le.Blocked != nil:
		fmt.Fprintln(stderr, words.T("label.error"), words.T("lab.blocked", le.Blocked.Name, le.Blocked.Value, labCause(err)))
		fmt.Fprintln(stderr, words.T("label.hint"), words.T("lab.hint_sysctl", le.Blocked.Name, le.Blocked.Want))
		fmt.Fprintln(stderr, words.T("label.hint"), words.T("lab.hint_root"))
	default:
		fmt.Fprintln(stderr, words.T("label.error"), words.T("lab.failed", labCause(err)))
		fmt.Fprintln(stderr, words.T("label.hint"), words.T("lab.hint_root"))
	}
}

// labCause words the system's error: the kernel says ENOSPC, whose text is
// "no space left on device", when no more user namespaces may be made.
func labCause(err error) string {
	if errors.Is(err, syscall.ENOSPC) {
		return words.T("lab.ns_limit")
	}
	return say.Error(err)
}
