package main

import (
	"runtime/debug"
	"testing"
)

// TestTuneGCForScript: a script run lowers the collector's target, unless
// GOGC is set (then the runtime already took the person's value).
func TestTuneGCForScript(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)

	tuneGCForScript(func(string) (string, bool) { return "", false })
	if got := debug.SetGCPercent(100); got != scriptGCPercent {
		t.Errorf("without GOGC: GC percent %d, want %d", got, scriptGCPercent)
	}
	tuneGCForScript(func(k string) (string, bool) { return "200", k == "GOGC" })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent changed to %d, want it left at 100", got)
	}
}
