package netops

import (
	"encoding/binary"
	"testing"
)

// winRowBytes builds one row of layout r as Windows lays it out.
func winRowBytes(r winRow, state uint32, laddr []byte, lport uint16, raddr []byte, rport uint16, pid uint32) []byte {
	b := make([]byte, r.size)
	copy(b[r.laddr:], laddr)
	b[r.lport], b[r.lport+1] = byte(lport>>8), byte(lport)
	if r.state >= 0 {
		binary.LittleEndian.PutUint32(b[r.state:], state)
		copy(b[r.raddr:], raddr)
		b[r.rport], b[r.rport+1] = byte(rport>>8), byte(rport)
	}
	binary.LittleEndian.PutUint32(b[r.pid:], pid)
	return b
}

func winTableBytes(count uint32, rows ...[]byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, count)
	for _, r := range rows {
		b = append(b, r...)
	}
	return b
}

// TestParseWinTable reads tables laid out as GetExtendedTcpTable and
// GetExtendedUdpTable return them (it runs on every system; under Wine CI
// reads the real ones).
func TestParseWinTable(t *testing.T) {
	lo4, lo6 := []byte{127, 0, 0, 1}, append(make([]byte, 15), 1)
	tcp4 := winTableBytes(3,
		winRowBytes(winTCP4, 2, lo4, 8888, nil, 0, 40),
		winRowBytes(winTCP4, 5, lo4, 8888, lo4, 50123, 40),
		winRowBytes(winTCP4, 11, lo4, 50124, lo4, 8888, 0))
	got := parseWinTable(tcp4, "tcp", winTCP4)
	want := []NetEntry{
		{Proto: "tcp", Local: "127.0.0.1:8888", Remote: "*:*", State: "LISTEN", FD: -1, pid: 40},
		{Proto: "tcp", Local: "127.0.0.1:8888", Remote: "127.0.0.1:50123", State: "ESTABLISHED", FD: -1, pid: 40},
		{Proto: "tcp", Local: "127.0.0.1:50124", Remote: "127.0.0.1:8888", State: "TIME_WAIT", FD: -1},
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	tcp6 := winTableBytes(1, winRowBytes(winTCP6, 8, lo6, 443, lo6, 40000, 7))
	if g := parseWinTable(tcp6, "tcp6", winTCP6); len(g) != 1 || g[0].Local != "[::1]:443" || g[0].Remote != "[::1]:40000" || g[0].State != "CLOSE_WAIT" {
		t.Errorf("tcp6: %+v", g)
	}
	udp4 := winTableBytes(1, winRowBytes(winUDP4, 0, lo4, 53, nil, 0, 9))
	if g := parseWinTable(udp4, "udp", winUDP4); len(g) != 1 || g[0].Local != "127.0.0.1:53" || g[0].Remote != "*:*" || g[0].State != "UNCONN" || g[0].pid != 9 {
		t.Errorf("udp: %+v", g)
	}
	udp6 := winTableBytes(1, winRowBytes(winUDP6, 0, lo6, 5353, nil, 0, 9))
	if g := parseWinTable(udp6, "udp6", winUDP6); len(g) != 1 || g[0].Local != "[::1]:5353" {
		t.Errorf("udp6: %+v", g)
	}
	// A count larger than the buffer holds: only the rows present.
	if g := parseWinTable(winTableBytes(1000, winRowBytes(winTCP4, 2, lo4, 1, nil, 0, 0)), "tcp", winTCP4); len(g) != 1 {
		t.Errorf("count beyond the buffer: %d entries", len(g))
	}
	if g := parseWinTable(winTableBytes(1, winRowBytes(winTCP4, 99, lo4, 1, lo4, 2, 0)), "tcp", winTCP4); g[0].State != "UNKNOWN" {
		t.Errorf("state 99: %q", g[0].State)
	}
}

// FuzzParseWinTable: whatever the buffer holds, reading it does not panic
// and gives no more rows than it can hold.
func FuzzParseWinTable(f *testing.F) {
	f.Add(winTableBytes(1, winRowBytes(winTCP6, 5, nil, 1, nil, 2, 3)))
	f.Add([]byte{255, 255, 255, 255, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, r := range []winRow{winTCP4, winTCP6, winUDP4, winUDP6} {
			if n := len(parseWinTable(b, "tcp", r)); n > len(b)/r.size {
				t.Fatalf("%d rows from %d bytes", n, len(b))
			}
		}
	})
}
