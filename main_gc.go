package main

import "runtime/debug"

// scriptGCPercent is the Go garbage collector's target for a script run,
// unless the environment's GOGC says otherwise. A script server holds
// many idle connections, each a coroutine and a socket, and Go's default
// of 100 lets the heap grow to twice what is live before it collects:
// 70 held 10,000 idle connections of echo.lua in 87 MiB of RSS instead of
// 97 to 100 MiB, for 0 to 2% fewer echo round trips (bench/run.sh, parts
// echo and hold).
const scriptGCPercent = 70

// tuneGCForScript sets the collector's target for a script run, leaving a
// GOGC the person set alone.
func tuneGCForScript(getenv func(string) (string, bool)) {
	if _, set := getenv("GOGC"); !set {
		debug.SetGCPercent(scriptGCPercent)
	}
}
