//go:build !linux

package capture

// Sniffer is unavailable on this system.
type Sniffer struct{}

// Open returns [ErrNeedLinux].
func Open(Config) (*Sniffer, error) { return nil, ErrNeedLinux }

// Next is never reached: [Open] fails.
func (*Sniffer) Next() (Packet, error) { return Packet{}, ErrNeedLinux }

// SetPorts is never reached: [Open] fails.
func (*Sniffer) SetPorts([]int) error { return ErrNeedLinux }

// Caught is never reached: [Open] fails.
func (*Sniffer) Caught() (n uint64, empty bool) { return 0, true }

// Stats is never reached: [Open] fails.
func (*Sniffer) Stats() (seen, dropped uint64) { return 0, 0 }

// Close is never reached: [Open] fails.
func (*Sniffer) Close() error { return nil }
