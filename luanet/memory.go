package luanet

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// One memory budget per run bounds what socklab itself buffers for the
// script's peers, however many connect: the queued sends of every
// connection (writer.go) and every receive buffer beyond
// netops.FreeBuffer per connection (a line, delimiter or recvn not yet
// complete). When it is spent, a send on a connection whose queue is not
// empty waits until that queue drains (so TCP flow control holds back a
// peer that does not read, while one that reads is still served), and a
// receive that would buffer more fails with nil, "memory" (the data
// stays buffered; closing the connection gives it back).

// DefaultMemory is a run's budget unless Options.Memory or net.memory
// says otherwise.
const DefaultMemory = 64 << 20

// MinMemory and MaxMemory bound a budget.
const (
	MinMemory = 1 << 20
	MaxMemory = 1 << 40
)

// newBudget returns the budget of a run with options o.
func newBudget(o Options) *netops.Budget {
	n := o.Memory
	if n <= 0 {
		n = DefaultMemory
	}
	return netops.NewBudget(min(max(n, MinMemory), MaxMemory))
}

// net.memory([bytes]) -> limit, in use: the run's budget, after setting it.
func (e *engine) memory(L *lua.LState) int {
	if v := L.Get(1); v != lua.LNil {
		n := checkWholeArg(L, 1, 1, "memory", MinMemory, MaxMemory, func(got lua.LNumber) string {
			return words.T("lua.memory_range", int64(MinMemory), int64(MaxMemory), got.String())
		})
		e.budget.SetLimit(int64(n))
	}
	L.Push(lua.LNumber(e.budget.Limit()))
	L.Push(lua.LNumber(e.budget.Used()))
	return 2
}
