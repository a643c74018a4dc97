package luanet

import (
	"os"
	"testing"
)

// TestRunsLeaveNoDescriptors: every run has an epoll poller of its own
// (poll.go); a run that ends, and one whose script does not even load,
// must give its descriptors back.
func TestRunsLeaveNoDescriptors(t *testing.T) {
	count := func() int {
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip(err)
		}
		return len(fds)
	}
	runLua(t, `print("warm")`, Options{}) // (the first run opens what stays open: the runtime's own poller)
	before := count()
	for range 20 {
		runLua(t, `print("hello")`, Options{})
		runLua(t, `this is not Lua`, Options{})
	}
	if after := count(); after > before {
		t.Errorf("%d descriptors open after 40 runs, %d before", after, before)
	}
}
