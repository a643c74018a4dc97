//go:build race

package repl

// raceEnabled is set when the race detector runs: slow tests do less.
const raceEnabled = true
