package netops

import (
	"net/netip"

	"golang.org/x/sys/windows"
)

// tcpInfo finds the TCP socket fd (a Winsock handle) in Windows' TCP table
// by its addresses (getsockname, getpeername) and takes its state from
// there. Windows reports no listener's queue or backlog this way.
func tcpInfo(fd int, k *kernelInfo) {
	h := windows.Handle(fd)
	lsa, err := windows.Getsockname(h)
	if err != nil {
		return
	}
	local, ok := winSockaddr(lsa)
	if !ok {
		return
	}
	var remote netip.AddrPort // zero: not connected
	if rsa, err := windows.Getpeername(h); err == nil {
		remote, _ = winSockaddr(rsa)
	}
	if st := winTCPState(local, remote); st != "" {
		k.State = st
	} else if local.Addr().Is4In6() { // a dual-stack socket's IPv4 traffic is in the IPv4 table
		k.State = winTCPState(netip.AddrPortFrom(local.Addr().Unmap(), local.Port()), netip.AddrPortFrom(remote.Addr().Unmap(), remote.Port()))
	}
	if k.State == "" && !remote.IsValid() && local.Port() != 0 {
		k.State = "CLOSE" // bound, not listening: Windows lists no state for it
	}
}

// winTCPState looks the connection local -> remote (a listener when remote
// is the zero AddrPort) up in Windows' TCP table; "" when it is not there.
func winTCPState(local, remote netip.AddrPort) string {
	af, row, proto := windows.AF_INET, winTCP4, "tcp"
	if local.Addr().Is6() {
		af, row, proto = windows.AF_INET6, winTCP6, "tcp6"
	}
	b, err := winTable(procGetExtendedTcpTable, af, tcpTableOwnerPIDAll)
	if err != nil {
		return ""
	}
	r := "*:*"
	if remote.IsValid() {
		r = remote.String()
	}
	for _, e := range parseWinTable(b, proto, row) {
		if e.Local == local.String() && e.Remote == r && (remote.IsValid() || e.State == "LISTEN") {
			return e.State
		}
	}
	return ""
}

// winSockaddr returns a Winsock address as an AddrPort.
func winSockaddr(sa windows.Sockaddr) (netip.AddrPort, bool) {
	switch a := sa.(type) {
	case *windows.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port)), true
	case *windows.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port)), true
	}
	return netip.AddrPort{}, false
}
