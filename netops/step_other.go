//go:build !unix && !windows

package netops

import (
	"context"
	"fmt"
	"time"
)

// errNoStep says that the step calls are not available here (the shell
// says what to use instead).
var errNoStep = fmt.Errorf("%w: step calls", ErrNotAvailable)

func (t *Table) newStep(proto, owner string) (*Socket, error) {
	return nil, &OpError{Op: "socket", Net: proto, Err: errNoStep}
}

func (s *Socket) bind(addr string) (*Socket, error) {
	return nil, opErr("bind", s, addr, errNoStep)
}

func (s *Socket) listen(backlog int) (*Socket, error) {
	return nil, opErr("listen", s, "", errNoStep)
}

func (s *Socket) connect(ctx context.Context, addr string, timeout time.Duration) (*Socket, error) {
	return nil, opErr("connect", s, addr, errNoStep)
}

func (s *Socket) stepLocal() string { return "" }

func (s *Socket) misuse(op string) error { return nil }

func (s *Socket) sendtoUnbound(ctx context.Context, data []byte, addr string) (int, bool, error) {
	return 0, false, nil
}
