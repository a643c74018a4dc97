package words

// The messages of socklab --lab.
func init() {
	add(map[string]Text{
		"lab.ifaces_head": {EN: "NAME\tSTATE\tADDRESSES\t", PT: "NOME\tESTADO\tENDEREÇOS\t"},
		"lab.up":          {EN: "up", PT: "ativa"},
		"lab.down":        {EN: "down", PT: "inativa"},
		"lab.loopback":    {EN: "loopback", PT: "loopback"},
		"lab.started": {
			EN: "socklab --lab: a private network of its own (a user and network namespace); only 127.0.0.1 and ::1 are here, the outside network is not reachable; capture works without root",
			PT: "socklab --lab: uma rede privada só dele (um namespace de usuário e de rede); só 127.0.0.1 e ::1 existem aqui, a rede de fora não é alcançável; a captura funciona sem root",
		},
		"lab.need_linux": {
			EN: "socklab --lab needs Linux: it makes a private network with Linux namespaces",
			PT: "socklab --lab precisa de Linux: ele cria uma rede privada com namespaces do Linux",
		},
		"lab.hint_wsl": {
			EN: "on Windows, run socklab inside WSL (Linux); everything else in socklab works here without --lab",
			PT: "no Windows, rode o socklab dentro do WSL (Linux); todo o resto do socklab funciona aqui sem --lab",
		},
		"lab.hint_other_os": {
			EN: "run socklab on Linux (a virtual machine will do); everything else in socklab works here without --lab",
			PT: "rode o socklab no Linux (uma máquina virtual serve); todo o resto do socklab funciona aqui sem --lab",
		},
		"lab.blocked": {
			EN: "socklab --lab: this system keeps unprivileged user namespaces off (%s = %s): %v",
			PT: "socklab --lab: este sistema desliga os namespaces de usuário sem privilégio (%s = %s): %v",
		},
		"lab.ns_limit": {
			EN: "the limit on user namespaces is reached (ENOSPC; not a full disk)",
			PT: "o limite de namespaces de usuário foi atingido (ENOSPC; não é disco cheio)",
		},
		"lab.hint_sysctl": {
			EN: "an administrator can allow them: sudo sysctl -w %s=%s",
			PT: "um administrador pode permitir: sudo sysctl -w %s=%s",
		},
		"lab.hint_root": {
			EN: "or capture as root: sudo socklab",
			PT: "ou capture como root: sudo socklab",
		},
		"lab.failed": {
			EN: "socklab --lab: could not make the private network: %v",
			PT: "socklab --lab: não foi possível criar a rede privada: %v",
		},
	})
}
