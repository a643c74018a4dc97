package capture

import "golang.org/x/net/bpf"

// SnapLen is the most of each packet the kernel filter keeps.
const SnapLen = 262144

// MaxFilterPorts is the most ports the kernel filter tests one by one;
// with more, every TCP and UDP packet is kept (and the caller sorts them).
const MaxFilterPorts = 64

// filter assembles the kernel filter for a packet socket of type
// SOCK_DGRAM (data starts at the IP header). It drops the outgoing copy of
// each packet on the loopback interface loIndex (the kernel shows loopback
// packets twice) and anything that is not IPv4 or IPv6. With all, it keeps
// every other packet; otherwise it keeps the TCP and UDP packets whose
// source or destination port is in ports.
func filter(loIndex int, all bool, ports []int) ([]bpf.RawInstruction, error) {
	const (
		pktOutgoing = 4
		etherIPv4   = 0x0800
		etherIPv6   = 0x86dd
		protoTCP    = 6
		protoUDP    = 17
	)
	whole := len(ports) > MaxFilterPorts
	var p []bpf.Instruction
	// Labels are resolved after the program is built: jumps name them.
	type fix struct {
		at           int
		ifTrue, ifFl string
	}
	var fixes []fix
	labels := map[string]int{}
	jeq := func(v uint32, t, f string) {
		fixes = append(fixes, fix{len(p), t, f})
		p = append(p, bpf.JumpIf{Cond: bpf.JumpEqual, Val: v})
	}
	label := func(name string) { labels[name] = len(p) }

	p = append(p, bpf.LoadExtension{Num: bpf.ExtType})
	jeq(pktOutgoing, "out", "proto")
	label("out")
	p = append(p, bpf.LoadExtension{Num: bpf.ExtInterfaceIndex})
	jeq(uint32(loIndex), "drop", "proto")
	label("proto")
	p = append(p, bpf.LoadExtension{Num: bpf.ExtProto})
	if all {
		jeq(etherIPv4, "keep", "")
		jeq(etherIPv6, "keep", "drop")
	} else {
		jeq(etherIPv4, "v4", "")
		jeq(etherIPv6, "v6", "drop")
		label("v4")
		p = append(p, bpf.LoadAbsolute{Off: 9, Size: 1})
		jeq(protoTCP, "v4frag", "")
		jeq(protoUDP, "v4frag", "drop")
		label("v4frag")
		p = append(p, bpf.LoadAbsolute{Off: 6, Size: 2})
		fixes = append(fixes, fix{len(p), "drop", ""})
		p = append(p, bpf.JumpIf{Cond: bpf.JumpBitsSet, Val: 0x1fff})
		p = append(p, bpf.LoadMemShift{Off: 0})
		p = append(p, bpf.LoadIndirect{Off: 0, Size: 2})
		p = append(p, bpf.StoreScratch{Src: bpf.RegA, N: 0})
		p = append(p, bpf.LoadIndirect{Off: 2, Size: 2})
		p = append(p, bpf.StoreScratch{Src: bpf.RegA, N: 1})
		fixes = append(fixes, fix{len(p), "ports", ""})
		p = append(p, bpf.Jump{})
		label("v6")
		p = append(p, bpf.LoadAbsolute{Off: 6, Size: 1})
		jeq(protoTCP, "v6ports", "")
		jeq(protoUDP, "v6ports", "drop")
		label("v6ports")
		p = append(p, bpf.LoadAbsolute{Off: 40, Size: 2})
		p = append(p, bpf.StoreScratch{Src: bpf.RegA, N: 0})
		p = append(p, bpf.LoadAbsolute{Off: 42, Size: 2})
		p = append(p, bpf.StoreScratch{Src: bpf.RegA, N: 1})
		label("ports")
		if !whole {
			for _, n := range []int{0, 1} {
				p = append(p, bpf.LoadScratch{Dst: bpf.RegA, N: n})
				for _, port := range ports {
					jeq(uint32(port), "keep", "")
				}
			}
			p = append(p, bpf.RetConstant{Val: 0})
		}
	}
	label("keep")
	p = append(p, bpf.RetConstant{Val: SnapLen})
	label("drop")
	p = append(p, bpf.RetConstant{Val: 0})
	for _, f := range fixes {
		skip := func(name string) uint8 {
			if name == "" {
				return 0
			}
			return uint8(labels[name] - f.at - 1)
		}
		switch j := p[f.at].(type) {
		case bpf.JumpIf:
			j.SkipTrue, j.SkipFalse = skip(f.ifTrue), skip(f.ifFl)
			p[f.at] = j
		case bpf.Jump:
			j.Skip = uint32(labels[f.ifTrue] - f.at - 1)
			p[f.at] = j
		}
	}
	return bpf.Assemble(p)
}
