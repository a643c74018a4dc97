//go:build !race

package luanet

const raceEnabled = false
