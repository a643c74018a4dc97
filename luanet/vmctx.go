package luanet

import "context"

// vmCtx is the run's context as the Lua VM sees it. gopher-lua polls the
// context's Done before every VM instruction (mainLoopWithContext, the
// only way to stop a CPU-bound script); a cancelCtx answers Done with an
// atomic load and a type assertion, 3% of echo.lua's instructions, while
// vmCtx answers with a field read. The channel is the run context's own,
// so the context package still sees vmCtx as that context, and a
// coroutine's context derived from it is a plain child of it.
type vmCtx struct {
	context.Context
	done <-chan struct{}
}

func newVMCtx(ctx context.Context) *vmCtx { return &vmCtx{Context: ctx, done: ctx.Done()} }

// Done returns the run context's Done channel.
func (c *vmCtx) Done() <-chan struct{} { return c.done }
