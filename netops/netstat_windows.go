package netops

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows' tables of TCP and UDP endpoints (iphlpapi.dll; no privileges
// needed). golang.org/x/sys/windows does not wrap these two calls.
var (
	iphlpapi                = windows.NewLazySystemDLL("iphlpapi.dll")
	procGetExtendedTcpTable = iphlpapi.NewProc("GetExtendedTcpTable")
	procGetExtendedUdpTable = iphlpapi.NewProc("GetExtendedUdpTable")
)

const (
	tcpTableOwnerPIDAll = 5 // TCP_TABLE_OWNER_PID_ALL
	udpTableOwnerPID    = 1 // UDP_TABLE_OWNER_PID
	maxWinTable         = 64 << 20
)

// winTable returns one of Windows' tables, growing the buffer as the call
// asks (the table may grow between two calls).
func winTable(proc *windows.LazyProc, af int, class uintptr) ([]byte, error) {
	if err := proc.Find(); err != nil {
		return nil, err
	}
	size := uint32(16 << 10)
	for range 8 {
		b := make([]byte, size)
		r, _, _ := proc.Call(uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&size)), 0, uintptr(af), class, 0)
		switch windows.Errno(r) {
		case 0:
			return b, nil
		case windows.ERROR_INSUFFICIENT_BUFFER:
			if size > maxWinTable {
				return nil, fmt.Errorf("%s: %w", proc.Name, windows.ERROR_INSUFFICIENT_BUFFER) // over maxWinTable
			}
			size += 4 << 10
		default:
			return nil, fmt.Errorf("%s: %w", proc.Name, windows.Errno(r))
		}
	}
	return nil, fmt.Errorf("%s: %w", proc.Name, windows.ERROR_INSUFFICIENT_BUFFER) // it kept growing
}

// kernelSockets reads Windows' TCP and UDP tables, for IPv4 and IPv6.
func kernelSockets() ([]NetEntry, error) {
	var all []NetEntry
	for _, t := range []struct {
		proc  *windows.LazyProc
		af    int
		class uintptr
		proto string
		row   winRow
	}{
		{procGetExtendedTcpTable, windows.AF_INET, tcpTableOwnerPIDAll, "tcp", winTCP4},
		{procGetExtendedTcpTable, windows.AF_INET6, tcpTableOwnerPIDAll, "tcp6", winTCP6},
		{procGetExtendedUdpTable, windows.AF_INET, udpTableOwnerPID, "udp", winUDP4},
		{procGetExtendedUdpTable, windows.AF_INET6, udpTableOwnerPID, "udp6", winUDP6},
	} {
		b, err := winTable(t.proc, t.af, t.class)
		if err != nil {
			return nil, err
		}
		all = append(all, parseWinTable(b, t.proto, t.row)...)
	}
	return all, nil
}

func socketFDs() map[uint64]int { return nil }

func fdInode(fd int) (uint64, bool) { return 0, false }

func socketProcs() map[uint64]proc { return nil }

func listenBacklogs() (map[uint64]int, error) { return nil, ErrNotAvailable }
