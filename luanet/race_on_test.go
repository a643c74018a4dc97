//go:build race

package luanet

// raceEnabled: the race detector reserves far more address space than an
// address-space limit leaves room for, so runLimited skips.
const raceEnabled = true
