package netops

import (
	"encoding/binary"
	"net/netip"
)

// winTCPStates names Windows' TCP states (MIB_TCP_STATE, 1 to 12) as
// socklab names them everywhere (Linux's names: SYN_RECV, FIN_WAIT_1...).
var winTCPStates = [...]string{1: "CLOSE", "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED",
	"FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "CLOSE"}

// winRow is the layout of one row of a table that Windows'
// GetExtendedTcpTable / GetExtendedUdpTable return (MIB_TCPROW_OWNER_PID,
// MIB_TCP6ROW_OWNER_PID, MIB_UDPROW_OWNER_PID, MIB_UDP6ROW_OWNER_PID): the
// offset of each field, -1 when the row has none. Addresses are in network
// order; a port is the first two bytes of its field, in network order.
type winRow struct {
	size, state, laddr, lport, raddr, rport, pid int
	v6                                           bool
}

var (
	winTCP4 = winRow{size: 24, state: 0, laddr: 4, lport: 8, raddr: 12, rport: 16, pid: 20}
	winTCP6 = winRow{size: 56, laddr: 0, lport: 20, raddr: 24, rport: 44, state: 48, pid: 52, v6: true}
	winUDP4 = winRow{size: 12, laddr: 0, lport: 4, pid: 8, state: -1, raddr: -1, rport: -1}
	winUDP6 = winRow{size: 28, laddr: 0, lport: 20, pid: 24, state: -1, raddr: -1, rport: -1, v6: true}
)

// parseWinTable reads a table as Windows returns it: a count (DWORD), then
// that many rows of layout r. Rows that the buffer does not hold are left
// out, so a short or damaged buffer gives fewer entries, never a panic.
func parseWinTable(b []byte, proto string, r winRow) []NetEntry {
	if len(b) < 4 {
		return nil
	}
	n := int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	if most := len(b) / r.size; n > most || n < 0 {
		n = most
	}
	out := make([]NetEntry, 0, n)
	for i := range n {
		row := b[i*r.size : (i+1)*r.size]
		e := NetEntry{Proto: proto, FD: -1, Local: winAddr(row, r.laddr, r.lport, r.v6), Remote: "*:*", State: "UNCONN"}
		e.pid = int(binary.LittleEndian.Uint32(row[r.pid:]))
		if r.state >= 0 {
			st := int(binary.LittleEndian.Uint32(row[r.state:]))
			e.State = "UNKNOWN"
			if st > 0 && st < len(winTCPStates) {
				e.State = winTCPStates[st]
			}
			if e.State != "LISTEN" {
				e.Remote = winAddr(row, r.raddr, r.rport, r.v6)
			}
		}
		out = append(out, e)
	}
	return out
}

// winAddr formats the address at offset a and the port at offset p of row.
func winAddr(row []byte, a, p int, v6 bool) string {
	port := uint16(row[p])<<8 | uint16(row[p+1])
	var ip netip.Addr
	if v6 {
		ip = netip.AddrFrom16([16]byte(row[a : a+16]))
	} else {
		ip = netip.AddrFrom4([4]byte(row[a : a+4]))
	}
	return netip.AddrPortFrom(ip, port).String()
}
