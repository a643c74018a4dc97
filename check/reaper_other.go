//go:build !linux && !windows

package check

import "os/exec"

// family is a program under test; here only its process group is
// stopped (killGroup): no other process it started is found.
type family struct{}

// newFamily prepares cmd; here there is nothing to prepare.
func newFamily(*exec.Cmd) *family { return &family{} }

// started records the started program; here there is nothing to record.
func (*family) started(int, func() bool) {}

// signal has no descendants to signal here.
func (*family) signal(bool) {}

// finish has no descendants to end here.
func (*family) finish() {}
