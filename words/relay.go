package words

// The shell's relay command.
func init() {
	add(map[string]Text{
		"help.relay.summary": {
			EN: "relay clients to a target, both ways, showing the traffic",
			PT: "repassa clientes a um destino, nos dois sentidos, mostrando o tráfego",
		},
		"help.relay.text": {
			EN: "Listens on LISTEN_ADDR; each client that connects gets its own connection\nto TARGET_ADDR, and bytes are copied both ways, unchanged, until each side\nfinishes: when one side sends FIN, the relay passes it on with\nshutdown(SHUT_WR), so the other side still answers (half-close). Each pair\nis shown when it opens, the bytes each way as they flow, and the totals when\nit ends. --hex shows every chunk as a hex dump, as ncat -x does. Ctrl-C\nstops the relay and closes every pair. A relay is a man in the middle: two\nTCP connections, one to each side.",
			PT: "Escuta em ENDEREÇO_ESCUTA; cada cliente que se conecta ganha uma conexão\nprópria para ENDEREÇO_DESTINO, e os bytes são copiados nos dois sentidos, sem\nmudança, até cada lado terminar: quando um lado envia FIN, o relay o repassa\ncom shutdown(SHUT_WR), e o outro lado ainda responde (half-close). Cada par é\nmostrado quando abre, os bytes de cada sentido conforme passam, e os totais\nquando termina. --hex mostra cada pedaço como dump hexadecimal, como o ncat -x.\nCtrl-C para o relay e fecha todos os pares. Um relay é um intermediário: duas\nconexões TCP, uma com cada lado.",
		},
		"help.relay.flag.hex": {
			EN: "show every chunk as a hex dump",
			PT: "mostra cada pedaço como dump hexadecimal",
		},
		"help.relay.flag.tls-listen": {
			EN: "speak TLS to the clients, with a self-signed certificate made for the session",
			PT: "fala TLS com os clientes, com um certificado autoassinado feito para a sessão",
		},
		"help.relay.flag.tls-target": {
			EN: "speak TLS to the target, checking its certificate",
			PT: "fala TLS com o destino, verificando o certificado dele",
		},
		"help.relay.flag.insecure": {
			EN: "with --tls-target: accept any certificate",
			PT: "com --tls-target: aceita qualquer certificado",
		},
		"help.relay.calls": {
			EN: "socket, bind, listen, accept; for each client: socket, connect, then recv and send both ways, shutdown(SHUT_WR) at each FIN",
			PT: "socket, bind, listen, accept; para cada cliente: socket, connect, depois recv e send nos dois sentidos, shutdown(SHUT_WR) a cada FIN",
		},
		"relay.insecure_alone": {
			EN: "--insecure goes with --tls-target",
			PT: "--insecure acompanha --tls-target",
		},
		"relay.selfsigned": {
			EN: "relay: TLS towards clients with a self-signed certificate made for this session (SHA-256 fingerprint %s)",
			PT: "relay: TLS com os clientes, com um certificado autoassinado feito para esta sessão (impressão digital SHA-256 %s)",
		},
		"relay.listening": {
			EN: "relay: listening on %s, each client goes to %s (Ctrl-C stops)",
			PT: "relay: escutando em %s, cada cliente vai para %s (Ctrl-C encerra)",
		},
		"relay.opened": {
			EN: "relay #%d: %s <-> relay <-> %s",
			PT: "relay #%d: %s <-> relay <-> %s",
		},
		"relay.failed": {
			EN: "relay #%d: client %s came, but %s could not be reached: %s (the client is closed)",
			PT: "relay #%d: o cliente %s chegou, mas %s não pôde ser alcançado: %s (o cliente é fechado)",
		},
		"relay.client_failed": {
			EN: "relay #%d: client %s did not complete the TLS handshake: %s (the client is closed; the relay speaks TLS to its clients: socklab nc --ssl HOST PORT, openssl s_client -connect HOST:PORT)",
			PT: "relay #%d: o cliente %s não completou o handshake TLS: %s (o cliente é fechado; o relay fala TLS com os clientes: socklab nc --ssl HOST PORTA, openssl s_client -connect HOST:PORTA)",
		},
		"relay.up": {
			EN: "client -> target",
			PT: "cliente -> destino",
		},
		"relay.down": {
			EN: "target -> client",
			PT: "destino -> cliente",
		},
		"relay.flow": {
			EN: "relay #%d: %s %s",
			PT: "relay #%d: %s %s",
		},
		"relay.half": {
			EN: "relay #%d: %s finished (FIN passed on)",
			PT: "relay #%d: %s terminou (FIN repassado)",
		},
		"relay.closed": {
			EN: "relay #%d: closed; %s client -> target, %s target -> client",
			PT: "relay #%d: fechado; %s cliente -> destino, %s destino -> cliente",
		},
		"relay.closed_err": {
			EN: "relay #%d: closed; %s client -> target, %s target -> client; %s",
			PT: "relay #%d: fechado; %s cliente -> destino, %s destino -> cliente; %s",
		},
		"relay.stopped": {
			EN: "relay: stopped; every pair is closed",
			PT: "relay: parado; todos os pares foram fechados",
		},
	})
}
