//go:build !unix && !windows

package netops

import "fmt"

var errNoOption = fmt.Errorf("%w: socket options", ErrNotAvailable)

func (s *Socket) getOption(name string) (int, bool, error) { return 0, false, errNoOption }

func (s *Socket) setOption(name string, v int, on bool) error { return errNoOption }
