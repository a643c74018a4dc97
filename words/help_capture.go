package words

// Help of the packet commands, capture and ladder (see help.go).
func init() {
	add(map[string]Text{
		"help.capture.summary": {EN: "show the packets of this session's sockets as they pass", PT: "mostra os pacotes dos sockets desta sessão enquanto passam"},
		"help.capture.text": {
			EN: "capture on prints a line for each TCP segment or UDP datagram on a port\nthis session's sockets use, as it passes: the socket ids at both ends, the\nflags ([SYN], [SYN, ACK], [ACK], [PSH, ACK], [FIN, ACK], [RST]), sequence\nand acknowledgement numbers relative to each side's first (as Wireshark\nshows them), the window, the data's length and its first bytes, and a\nSYN's options (MSS, SACK_PERM, timestamps, window scale). Retransmissions,\nkeep-alives, zero windows and resets are named. With explain on, each\npacket also says what it means. capture FILE.pcap also writes the packets\nto FILE.pcap (at most 1 GiB), which Wireshark and tcpdump open. --all\nshows every packet on the interfaces, not only the session's. capture off\nstops.\nNeeds Linux and the right to capture (root or CAP_NET_RAW), which\nsocklab --lab gives without root.",
			PT: "capture on mostra uma linha para cada segmento TCP ou datagrama UDP numa\nporta que os sockets desta sessão usam, enquanto passa: os ids dos sockets\nnas duas pontas, as flags ([SYN], [SYN, ACK], [ACK], [PSH, ACK], [FIN, ACK],\n[RST]), os números de sequência e de confirmação relativos ao primeiro de\ncada lado (como o Wireshark mostra), a janela, o tamanho dos dados e os\nprimeiros bytes, e as opções de um SYN (MSS, SACK_PERM, timestamps, window\nscale). Retransmissões, keep-alives, janelas zeradas e resets são nomeados.\nCom explain ligado, cada pacote também diz o que significa. capture\nARQUIVO.pcap também grava os pacotes em ARQUIVO.pcap (no máximo 1 GiB), que\no Wireshark e o tcpdump abrem. --all mostra todos os pacotes das interfaces, não só os da\nsessão. capture off para.\nPrecisa de Linux e do direito de capturar (root ou CAP_NET_RAW), que o\nsocklab --lab dá sem root.",
		},
		"help.capture.flag.all": {EN: "every packet on the interfaces, not only the session's ports", PT: "todos os pacotes das interfaces, não só os das portas da sessão"},
		"help.capture.calls":    {EN: "socket(AF_PACKET), setsockopt(SO_TIMESTAMPNS), setsockopt(SO_ATTACH_FILTER), recvmsg", PT: "socket(AF_PACKET), setsockopt(SO_TIMESTAMPNS), setsockopt(SO_ATTACH_FILTER), recvmsg"},
		"help.ladder.summary":   {EN: "draw a connection's packets as a sequence diagram", PT: "desenha os pacotes de uma conexão como um diagrama de sequência"},
		"help.ladder.text": {
			EN: "Draws the packets capture saw of one connection of socket ID (the current\nsocket when left out) as a ladder: the two ends as columns, an arrow per\npacket with its flags and numbers, and the TCP state each side enters.\nIt works after the connection closed. While record is on, the report\nalso gets the ladder as a Mermaid sequenceDiagram.",
			PT: "Desenha os pacotes que o capture viu de uma conexão do socket ID (o socket\natual quando omitido) como uma escada: as duas pontas como colunas, uma seta\npor pacote com as flags e os números, e o estado TCP em que cada lado entra.\nFunciona depois que a conexão fechou. Com record ligado, o relatório também\nrecebe a escada como um sequenceDiagram do Mermaid.",
		},
		"help.ladder.calls": {EN: "none (draws what capture saw)", PT: "nenhuma (desenha o que o capture viu)"},
	})
}
