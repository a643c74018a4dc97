package luanet

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Tests that could exhaust the machine's memory if socklab regressed run
// their script in a child process (this test binary again) under an
// address-space limit: a regression then fails the test with "out of
// memory" instead of taking the machine down.

// childCodeEnv carries the script to TestLimitedChild.
const childCodeEnv = "LUANET_LIMITED_CHILD_CODE"

// TestLimitedChild is the child's side: it runs the script in the
// environment and prints its output, then "err: ..." if it failed.
func TestLimitedChild(t *testing.T) {
	code := os.Getenv(childCodeEnv)
	if code == "" {
		t.Skip("runs only as the child of runLimited")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := RunString(ctx, "test.lua", code, Options{Stdout: os.Stdout, Stderr: os.Stdout})
	if err != nil {
		fmt.Printf("err: %v\n", err)
	}
}

// runLimited runs code in a child limited to asMiB of address space (Go
// itself reserves about 1 GiB at start) and at most d, and returns what
// it printed; the test fails if the child died.
func runLimited(t *testing.T, asMiB int, d time.Duration, code string) string {
	t.Helper()
	needPrlimit(t)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cmd := exec.CommandContext(ctx, "prlimit", fmt.Sprintf("--as=%d", asMiB<<20), "--",
		os.Args[0], "-test.run=^TestLimitedChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childCodeEnv+"="+code)
	out, err := cmd.CombinedOutput()
	s := string(out)
	if err != nil || ctx.Err() != nil {
		if len(s) > 2000 {
			s = s[:2000] + "..."
		}
		t.Fatalf("the child failed (%v; context %v):\n%s", err, ctx.Err(), s)
	}
	s = strings.TrimSuffix(s, "PASS\n")
	return s
}

// needPrlimit skips a test that needs an address-space limit where there
// is none to be had.
func needPrlimit(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("the race detector needs more address space than the limit leaves")
	}
	if _, err := exec.LookPath("prlimit"); err != nil {
		t.Skip("prlimit (util-linux) not installed")
	}
}
