package netops

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// procTables are the kernel's socket tables socklab reads.
var procTables = []string{"tcp", "tcp6", "udp", "udp6"}

// kernelSockets reads /proc/net/tcp, tcp6, udp and udp6.
func kernelSockets() ([]NetEntry, error) {
	var out []NetEntry
	for _, p := range procTables {
		f, err := os.Open("/proc/net/" + p)
		if err != nil {
			if os.IsNotExist(err) {
				continue // no IPv6 in this kernel
			}
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // the header
		for sc.Scan() {
			if e, ok := parseProcLine(p, sc.Text()); ok {
				out = append(out, e)
			}
		}
		f.Close()
	}
	return out, nil
}

// parseProcLine parses one line of /proc/net/tcp and the like:
//
//	sl local_address rem_address st tx_queue:rx_queue tr:when retrnsmt uid timeout inode ...
func parseProcLine(proto, line string) (NetEntry, bool) {
	f := strings.Fields(line)
	if len(f) < 10 {
		return NetEntry{}, false
	}
	local, ok1 := procAddr(f[1])
	remote, ok2 := procAddr(f[2])
	st, err := strconv.ParseUint(f[3], 16, 8)
	if !ok1 || !ok2 || err != nil {
		return NetEntry{}, false
	}
	e := NetEntry{Proto: proto, Local: local, Remote: remote, FD: -1}
	if int(st) < len(tcpStates) {
		e.State = tcpStates[st]
	}
	if strings.HasPrefix(proto, "udp") {
		e.State = map[string]string{"CLOSE": "UNCONN", "ESTABLISHED": "CONNECTED"}[e.State]
	}
	if tx, rx, ok := strings.Cut(f[4], ":"); ok {
		t, _ := strconv.ParseUint(tx, 16, 32)
		r, _ := strconv.ParseUint(rx, 16, 32)
		e.SendQ, e.RecvQ = int(t), int(r)
	}
	e.Inode, _ = strconv.ParseUint(f[9], 10, 64)
	if e.State == "LISTEN" || e.State == "UNCONN" {
		e.Remote = "*:*"
	}
	return e, true
}

// procAddr decodes "0100007F:1F90" (IPv4, or 32 hex digits of IPv6): each
// 32-bit word of the address in the machine's byte order, the port in hex.
func procAddr(s string) (string, bool) {
	h, p, ok := strings.Cut(s, ":")
	if !ok {
		return "", false
	}
	port, err := strconv.ParseUint(p, 16, 16)
	raw, err2 := hex.DecodeString(h)
	if err != nil || err2 != nil || (len(raw) != 4 && len(raw) != 16) {
		return "", false
	}
	for i := 0; i < len(raw); i += 4 {
		w := binary.BigEndian.Uint32(raw[i:])
		binary.NativeEndian.PutUint32(raw[i:], w)
	}
	a, _ := netip.AddrFromSlice(raw)
	return netip.AddrPortFrom(a.Unmap(), uint16(port)).String(), true
}

// socketFDs maps the inode of each socket this process has open to its
// lowest descriptor, from /proc/self/fd.
func socketFDs() map[uint64]int {
	m := map[uint64]int{}
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return m
	}
	for _, d := range ents {
		fd, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if ino, ok := fdInode(fd); ok {
			if old, seen := m[ino]; !seen || fd < old {
				m[ino] = fd
			}
		}
	}
	return m
}

// fdInode returns the inode of the socket open as fd in this process.
func fdInode(fd int) (uint64, bool) {
	if fd < 0 {
		return 0, false
	}
	l, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", fd))
	if err != nil || !strings.HasPrefix(l, "socket:[") {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]"), 10, 64)
	return n, err == nil
}

// socketProcs maps socket inodes to the process holding them, from
// /proc/PID/fd of every process this user may read (all, as root).
func socketProcs() map[uint64]proc {
	m := map[uint64]proc{}
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return m
	}
	for _, d := range ents {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		if err != nil {
			continue
		}
		name := ""
		for _, f := range fds {
			l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, f.Name()))
			if err != nil || !strings.HasPrefix(l, "socket:[") {
				continue
			}
			ino, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]"), 10, 64)
			if err != nil {
				continue
			}
			if name == "" {
				b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
				name = strings.TrimSpace(string(b))
			}
			if _, seen := m[ino]; !seen {
				m[ino] = proc{pid: pid, name: name}
			}
		}
	}
	return m
}
