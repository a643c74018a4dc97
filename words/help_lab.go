package words

// The messages of ifaces, netstat -a and help states.
func init() {
	add(map[string]Text{
		"help.ifaces.summary": {EN: "this machine's interfaces and addresses (as ip addr or ipconfig)", PT: "as interfaces e os endereços desta máquina (como ip addr ou ipconfig)"},
		"help.ifaces.text": {
			EN: "Lists this machine's network interfaces, up or down, and their addresses,\nas ip addr (Linux) or ipconfig (Windows) show them: the addresses a\nclassmate can connect to. 127.0.0.1 (lo) is every machine's own and\nreaches no one else.",
			PT: "Lista as interfaces de rede desta máquina, ligadas ou não, e seus\nendereços, como o ip addr (Linux) ou o ipconfig (Windows) mostram: os\nendereços aos quais um colega pode se conectar. 127.0.0.1 (lo) é o de\ncada máquina e não alcança mais ninguém.",
		},
		"help.ifaces.calls": {EN: "none (asks the system for its interfaces)", PT: "nenhuma (pergunta ao sistema pelas interfaces)"},
		"ifaces.hint": {
			EN: "hint: a classmate connects to one of the addresses above that is not loopback; your server must listen on that address or on all of them (listen :8888), not on 127.0.0.1",
			PT: "dica: um colega se conecta a um dos endereços acima que não é loopback; o seu servidor precisa escutar nesse endereço ou em todos (listen :8888), não em 127.0.0.1",
		},
		"ifaces.only_loopback": {
			EN: "hint: only loopback here: no other machine can reach this one (in socklab --lab that is by design)",
			PT: "dica: só há loopback aqui: nenhuma outra máquina alcança esta (no socklab --lab isso é de propósito)",
		},
		"owner.program":       {EN: "%s (PID %d)", PT: "%s (PID %d)"},
		"owner.queue_program": {EN: "accept queue of %s (PID %d)", PT: "fila de accept de %s (PID %d)"},
		"states.title": {
			EN: "TCP states (RFC 9293): each line is FROM --> TO and the event that moves it",
			PT: "Estados do TCP (RFC 9293): cada linha é DE --> PARA e o evento que faz a mudança",
		},
		"states.legend": {
			EN: "* marks the states seen in this session (sockets, netstat on its ports, captured connections)",
			PT: "* marca os estados vistos nesta sessão (sockets, netstat nas portas dela, conexões capturadas)",
		},
		"states.any":             {EN: "any state", PT: "qualquer estado"},
		"states.ev.listen":       {EN: "listen(): wait for clients", PT: "listen(): espera clientes"},
		"states.ev.connect":      {EN: "connect(): send SYN (step 1 of the handshake)", PT: "connect(): envia SYN (passo 1 do handshake)"},
		"states.ev.rcv_syn":      {EN: "receive SYN, send SYN-ACK (step 2)", PT: "recebe SYN, envia SYN-ACK (passo 2)"},
		"states.ev.rcv_synack":   {EN: "receive SYN-ACK, send ACK (step 3)", PT: "recebe SYN-ACK, envia ACK (passo 3)"},
		"states.ev.rcv_ack":      {EN: "receive the ACK: the connection waits for accept()", PT: "recebe o ACK: a conexão espera o accept()"},
		"states.ev.close_first":  {EN: "close() first: send FIN (active close)", PT: "close() primeiro: envia FIN (fechamento ativo)"},
		"states.ev.rcv_fin":      {EN: "receive FIN, send ACK", PT: "recebe FIN, envia ACK"},
		"states.ev.rcv_ack_fin":  {EN: "receive the ACK of our FIN", PT: "recebe o ACK do nosso FIN"},
		"states.ev.close_second": {EN: "close() after the peer's FIN: send FIN", PT: "close() depois do FIN do outro lado: envia FIN"},
		"states.ev.timeout":      {EN: "wait 2 MSL (60 s on Linux): stray packets die out", PT: "espera 2 MSL (60 s no Linux): pacotes atrasados somem"},
		"states.ev.rst":          {EN: "send or receive RST", PT: "envia ou recebe RST"},
	})
}
