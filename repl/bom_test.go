package repl

import (
	"strings"
	"testing"
)

// TestSessionFileWithBOM: a session file saved as Windows' Notepad or
// PowerShell (Out-File -Encoding utf8) saves UTF-8, a byte order mark
// first and CRLF line ends, runs as the same commands without them; its
// first command was "\ufeffsockets", an unknown command. A mark anywhere
// else is data, and stays.
func TestSessionFileWithBOM(t *testing.T) {
	status, out, errOut := runShell(t, Options{}, "\ufeffsockets\r\nlua 'print(#\"\ufeff\")'\r\n")
	if status != 0 || errOut != "" || !strings.Contains(out, "no open sockets") || !strings.HasSuffix(out, "3\n") {
		t.Fatalf("status %d, stdout %q, stderr %q", status, out, errOut)
	}
}
