package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	buildOnce  sync.Once
	buildDir   string // removed by TestMain
	socklabBin string
	buildErr   error
)

func TestMain(m *testing.M) {
	if helperMain(os.Args[1:]) {
		return
	}
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// unixOnly skips a test that starts programs the Unix way.
func unixOnly(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the tests start programs in process groups the Unix way")
	}
}

// socklab builds the socklab binary once for the tests that run it.
func socklab(t *testing.T) string {
	t.Helper()
	unixOnly(t)
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "socklab-check")
		if buildErr != nil {
			return
		}
		socklabBin = filepath.Join(buildDir, "socklab")
		out, err := exec.Command("go", "build", "-o", socklabBin, "..").CombinedOutput()
		if err != nil {
			buildErr = &buildError{err, string(out)}
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return socklabBin
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// scriptFiles maps each exercise to the socklab script that plays it.
var scriptFiles = map[string]string{
	"echo-server":        "echo.lua",
	"echo-client":        "echo_client.lua",
	"fixed-reply-server": "fixed_reply.lua",
	"retry-client":       "retry_connect.lua",
	"chat-client":        "chat_client.lua",
	"multiclient-server": "multiclient.lua",
	"udp-server":         "udp_server.lua",
	"udp-client":         "udp_client.lua",
	"number-server":      "number_server.lua",
	"number-client":      "number_client.lua",
}

// TestScripts checks socklab's own scripts: they play the course's
// programs, so every exercise passes.
func TestScripts(t *testing.T) {
	bin := socklab(t)
	for _, x := range Exercises() {
		t.Run(x.Name, func(t *testing.T) {
			t.Parallel()
			port := freePort(t)
			script := filepath.Join("..", "scripts", scriptFiles[x.Name])
			rep := check(t, x.Name, port, bin, script, "127.0.0.1:"+port)
			if !rep.Passed {
				t.Fatalf("scripts/%s fails:\n%s", scriptFiles[x.Name], text(rep))
			}
		})
	}
}
