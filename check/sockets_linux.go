package check

import (
	"encoding/binary"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// socketsOf returns the sockets (their inode numbers) open in the process
// group pgid, read from /proc; ok is false when /proc cannot tell.
func socketsOf(pgid int) (inodes []string, ok bool) {
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return nil, false
	}
	for _, d := range dirs {
		if _, err := strconv.Atoi(d.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...: comm may hold spaces, so
		// count from its closing parenthesis.
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 3 || f[2] != strconv.Itoa(pgid) {
			continue
		}
		fds, err := os.ReadDir("/proc/" + d.Name() + "/fd")
		if err != nil {
			continue
		}
		for _, fd := range fds {
			l, err := os.Readlink("/proc/" + d.Name() + "/fd/" + fd.Name())
			if err == nil && strings.HasPrefix(l, "socket:[") {
				inodes = append(inodes, l)
			}
		}
	}
	return inodes, true
}

// listeningIn returns the TCP addresses the process group pgid listens
// on, read from /proc/net/tcp and tcp6: where a server that never
// listened at the checked address listens instead.
func listeningIn(pgid int) []string {
	socks, ok := socketsOf(pgid)
	if !ok || len(socks) == 0 {
		return nil
	}
	mine := map[string]bool{}
	for _, s := range socks {
		mine[strings.TrimSuffix(strings.TrimPrefix(s, "socket:["), "]")] = true
	}
	var addrs []string
	for _, file := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
			f := strings.Fields(line)
			if len(f) < 10 || f[3] != "0A" || !mine[f[9]] { // 0A: LISTEN
				continue
			}
			if a, ok := procAddr(f[1]); ok {
				addrs = append(addrs, a)
			}
		}
	}
	return addrs
}

// procAddr decodes /proc/net/tcp's HEXIP:HEXPORT: the address as 32-bit
// words in the machine's byte order, the port in hex.
func procAddr(s string) (string, bool) {
	ip, port, ok := strings.Cut(s, ":")
	p, err := strconv.ParseUint(port, 16, 16)
	if !ok || err != nil || (len(ip) != 8 && len(ip) != 32) {
		return "", false
	}
	var b []byte
	for i := 0; i < len(ip); i += 8 {
		w, err := strconv.ParseUint(ip[i:i+8], 16, 32)
		if err != nil {
			return "", false
		}
		b = binary.NativeEndian.AppendUint32(b, uint32(w))
	}
	a, _ := netip.AddrFromSlice(b)
	return netip.AddrPortFrom(a.Unmap(), uint16(p)).String(), true
}
