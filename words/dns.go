package words

// A name that could not be looked up (Go's *net.DNSError), said by package
// say wherever a host name is given: nc mode, the shell, Lua.
func init() {
	add(map[string]Text{
		"dns.not_found": {
			EN: "no host is named %q: neither the hosts file nor DNS knows that name (check the spelling, or give an IP address)",
			PT: "nenhum host se chama %q: nem o arquivo hosts nem o DNS conhecem esse nome (confira a grafia, ou dê um endereço IP)",
		},
		"dns.timeout": {
			EN: "looking up %q timed out: no DNS server answered",
			PT: "a consulta do nome %q esgotou o tempo: nenhum servidor DNS respondeu",
		},
		"dns.failed": {
			EN: "looking up %q failed: the DNS server could not be reached or gave no usable answer",
			PT: "a consulta do nome %q falhou: o servidor DNS não pôde ser alcançado ou não deu uma resposta utilizável",
		},
	})
}
