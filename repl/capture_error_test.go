package repl

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/socklab/socklab/capture"
)

// TestCaptureError: no rights gives one error and the three ways out; no
// Linux says so.
func TestCaptureError(t *testing.T) {
	s, _ := testSession(t, false)
	perm := s.formatError(captureError(fmt.Errorf("socket: %w", os.ErrPermission)))
	for _, w := range []string{"not allowed to capture", "socklab --lab", "sudo socklab", "setcap cap_net_raw+ep"} {
		if !strings.Contains(perm, w) {
			t.Errorf("no rights: %q lacks %q", perm, w)
		}
	}
	other := s.formatError(captureError(capture.ErrNeedLinux))
	if !strings.Contains(other, "capture needs Linux") || !strings.Contains(other, "hint:") {
		t.Errorf("not Linux: %q", other)
	}
	if e := captureError(errors.New("boom")); !strings.Contains(e.Error(), "boom") {
		t.Errorf("other error: %v", e)
	}
}
