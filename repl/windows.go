package repl

import (
	"errors"
	"runtime"
	"strings"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// onWindows is whether the socket options and step calls are Windows'.
var onWindows = runtime.GOOS == "windows"

// optionNote says once per session what an option means differently on
// this system: Windows' SO_REUSEADDR lets another socket take a port that
// is in use, which SO_EXCLUSIVEADDRUSE prevents.
func (s *Session) optionNote(name string) {
	if !onWindows {
		return
	}
	switch strings.TrimPrefix(strings.ToLower(name), "so_") {
	case "reuseaddr", "exclusiveaddruse":
		s.Note("windows-reuseaddr", words.T("windows.reuseaddr"))
	}
}

// optionError adds to a failed option what this system lacks.
func optionError(err error) error {
	if errors.Is(err, netops.ErrNoSuchOption) {
		return withHint(err, words.T("windows.no_reuseport"))
	}
	return err
}

// optionUnread is what `option ID` shows for an option it could not read.
func optionUnread(err error) string {
	if errors.Is(err, netops.ErrNoSuchOption) {
		return words.T("windows.no_such_option")
	}
	return "? (" + say.Cause(err) + ")"
}
