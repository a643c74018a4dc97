package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestScriptExitStatus: a script's os.exit(code) is the process's exit
// status, without an error line (as the lua command does); a code no
// status can carry is a failure, 1.
func TestScriptExitStatus(t *testing.T) {
	for _, c := range []struct {
		call string
		want int
	}{
		{"os.exit(3)", 3},
		{"os.exit(255)", 255},
		{"os.exit(false)", 1},
		{"os.exit(256)", 1},
		{"os.exit(-2)", 1},
		{"os.exit(0)", 0},
		{"os.exit(true)", 0},
	} {
		script := filepath.Join(t.TempDir(), "exit.lua")
		if err := os.WriteFile(script, []byte("print('before')\n"+c.call+"\nprint('after')\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		st := run([]string{"--lang", "en", script}, nil, &out, &errb)
		if st != c.want || out.String() != "before\n" || errb.Len() != 0 {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want status %d, stdout \"before\\n\", nothing on stderr", c.call, st, out.String(), errb.String(), c.want)
		}
	}
}
