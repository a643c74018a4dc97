package words

// The messages of capture and ladder.
func init() {
	add(map[string]Text{
		"capture.already": {
			EN: "capture is already on (%s): capture off first",
			PT: "a captura já está ligada (%s): use capture off antes",
		},
		"capture.live": {
			EN: "shown live",
			PT: "mostrada ao vivo",
		},
		"capture.to_file": {
			EN: "shown live and written to %s",
			PT: "mostrada ao vivo e gravada em %s",
		},
		"capture.is_off": {
			EN: "capture is off",
			PT: "a captura está desligada",
		},
		"capture.is_on": {
			EN: "capture is on: %s",
			PT: "a captura está ligada: %s",
		},
		"capture.started": {
			EN: "capture on: each packet of this session's sockets is shown as it passes (capture off to stop)",
			PT: "captura ligada: cada pacote dos sockets desta sessão aparece quando passa (capture off para parar)",
		},
		"capture.started_all": {
			EN: "capture on: every packet on the interfaces is shown as it passes (capture off to stop)",
			PT: "captura ligada: todo pacote nas interfaces aparece quando passa (capture off para parar)",
		},
		"capture.writing": {
			EN: "writing the packets to %s (open it in Wireshark, or: tcpdump -nn -r FILE)",
			PT: "gravando os pacotes em %s (abra no Wireshark, ou: tcpdump -nn -r ARQUIVO)",
		},
		"capture.written": {
			EN: "the packets are in %s: open it in Wireshark and filter with tcp.port == PORT",
			PT: "os pacotes estão em %s: abra no Wireshark e filtre com tcp.port == PORTA",
		},
		"capture.written_port": {
			EN: "the packets are in %s: open it in Wireshark and filter with tcp.port == %d",
			PT: "os pacotes estão em %s: abra no Wireshark e filtre com tcp.port == %d",
		},
		"capture.file_max": {
			EN: "capture: %[1]s reached %[2]d MiB, the most socklab writes to a capture file: the packets from here on are shown but not written (for a longer capture: tcpdump -w)",
			PT: "capture: %[1]s chegou a %[2]d MiB, o máximo que o socklab grava num arquivo de captura: os pacotes daqui em diante aparecem, mas não são gravados (para uma captura mais longa: tcpdump -w)",
		},
		"capture.cannot_create": {
			EN: "capture: cannot create %s: %s",
			PT: "capture: não foi possível criar %s: %s",
		},
		"capture.hint_file": {
			EN: "capture FILE.pcap creates the file (or replaces it): name one in a folder that exists and that you may write to, as capture lab.pcap in the current one",
			PT: "capture ARQUIVO.pcap cria o arquivo (ou o substitui): dê o nome de um arquivo numa pasta que exista e onde você possa gravar, como capture lab.pcap na pasta atual",
		},
		"capture.no_reader": {
			EN: "capture: no program reads the FIFO %s",
			PT: "capture: nenhum programa lê o FIFO %s",
		},
		"capture.hint_reader": {
			EN: "start its reader first, as Wireshark: wireshark -k -i %s",
			PT: "inicie antes quem o lê, como o Wireshark: wireshark -k -i %s",
		},
		"capture.reader_stalled": {
			EN: "its reader took nothing for %g s",
			PT: "quem o lê não pegou nada por %g s",
		},
		"capture.written_udp": {
			EN: "the packets are in %s: open it in Wireshark and filter with udp.port == %d",
			PT: "os pacotes estão em %s: abra no Wireshark e filtre com udp.port == %d",
		},
		"capture.bad_arg": {
			EN: "capture: want on, off or a file name ending in .pcap, not %q",
			PT: "capture: use on, off ou um nome de arquivo terminado em .pcap, não %q",
		},
		"capture.need_linux": {
			EN: "capture needs Linux: it reads packets through a Linux packet socket",
			PT: "a captura precisa de Linux: ela lê os pacotes por um packet socket do Linux",
		},
		"capture.hint_other_os": {
			EN: "run socklab on Linux, or capture with Wireshark or tcpdump on this system; everything else in socklab works here",
			PT: "rode o socklab no Linux, ou capture com o Wireshark ou o tcpdump neste sistema; todo o resto do socklab funciona aqui",
		},
		"capture.hint_wsl": {
			EN: "on Windows, run socklab inside WSL (Linux), or capture with Wireshark; everything else in socklab works here",
			PT: "no Windows, rode o socklab dentro do WSL (Linux), ou capture com o Wireshark; todo o resto do socklab funciona aqui",
		},
		"capture.no_permission": {
			EN: "capture: not allowed to capture packets (it needs root or the CAP_NET_RAW capability)",
			PT: "capture: sem permissão para capturar pacotes (é preciso ser root ou ter a capacidade CAP_NET_RAW)",
		},
		"capture.hint_lab": {
			EN: "socklab --lab starts socklab in a private network of its own where capture works without root",
			PT: "socklab --lab abre o socklab numa rede privada só dele, onde a captura funciona sem root",
		},
		"capture.hint_sudo": {
			EN: "or run it as root: sudo socklab",
			PT: "ou rode como root: sudo socklab",
		},
		"capture.hint_setcap": {
			EN: "or give the program the right once: sudo setcap cap_net_raw+ep $(command -v socklab)",
			PT: "ou dê a permissão ao programa uma vez: sudo setcap cap_net_raw+ep $(command -v socklab)",
		},
		"capture.explain.syn": {
			EN: "SYN: the client asks to open a connection; step 1 of the three-way handshake (its socket is now SYN_SENT)",
			PT: "SYN: o cliente pede para abrir uma conexão; passo 1 do three-way handshake (o socket dele fica em SYN_SENT)",
		},
		"capture.explain.synack": {
			EN: "SYN-ACK: the server's kernel accepts; step 2 of the three-way handshake (before any accept() call)",
			PT: "SYN-ACK: o kernel do servidor aceita; passo 2 do three-way handshake (antes de qualquer accept())",
		},
		"capture.explain.ack3": {
			EN: "ACK: step 3 of the three-way handshake; the connection is ESTABLISHED and waits in the listener's accept queue until accept()",
			PT: "ACK: passo 3 do three-way handshake; a conexão está ESTABLISHED e espera na fila do accept até o accept()",
		},
		"capture.explain.data": {
			EN: "data: %d bytes of the stream; a segment may carry part of one send or several sends (TCP keeps no message boundaries), and the receiver's kernel acknowledges them even before a program reads them",
			PT: "dados: %d bytes do fluxo; um segmento pode levar parte de um send ou vários sends (o TCP não mantém limites de mensagem), e o kernel de quem recebe confirma (ACK) mesmo antes de um programa ler",
		},
		"capture.explain.ack": {
			EN: "ACK: everything before byte %d arrived; the receiver expects that byte next",
			PT: "ACK: tudo antes do byte %d chegou; quem recebe espera esse byte a seguir",
		},
		"capture.explain.fin": {
			EN: "FIN (with %d bytes of data): this side finished sending (close or shutdown); the other side's recv returns end of stream",
			PT: "FIN (com %d bytes de dados): este lado terminou de enviar (close ou shutdown); o recv do outro lado devolve fim do fluxo",
		},
		"capture.explain.rst": {
			EN: "RST: the connection is torn down at once; data not yet read is lost and the other side gets \"connection reset\" (or \"refused\" in reply to a SYN)",
			PT: "RST: a conexão é derrubada na hora; dados ainda não lidos se perdem e o outro lado recebe \"connection reset\" (ou \"refused\" em resposta a um SYN)",
		},
		"capture.explain.retransmission": {
			EN: "retransmission: these bytes were sent before and no ACK came in time, so TCP sends them again",
			PT: "retransmissão: estes bytes já tinham sido enviados e o ACK não chegou a tempo, então o TCP envia de novo",
		},
		"capture.explain.keepalive": {
			EN: "keep-alive: a probe with no new data, checking that the peer is still there (SO_KEEPALIVE)",
			PT: "keep-alive: uma sonda sem dados novos, que verifica se o outro lado ainda existe (SO_KEEPALIVE)",
		},
		"capture.explain.windowprobe": {
			EN: "zero-window probe: the peer's receive buffer was full (window 0), so this side asks, with no new data, whether it has room again (Linux sends the same segment as a keep-alive, so Wireshark names it Keep-Alive too)",
			PT: "sonda de janela zero: o buffer de recepção do outro lado estava cheio (janela 0), então este lado pergunta, sem dados novos, se já há espaço (o Linux envia o mesmo segmento de um keep-alive, por isso o Wireshark também o chama de Keep-Alive)",
		},
		"capture.explain.zerowindow": {
			EN: "zero window: the sender of this packet has a full receive buffer (nobody reads); the other side must wait",
			PT: "janela zero: quem envia este pacote está com o buffer de recepção cheio (ninguém lê); o outro lado precisa esperar",
		},
		"capture.explain.malformed": {
			EN: "a malformed packet: its TCP or UDP header is cut short, or claims more bytes than the IP packet holds; no socket of this kernel sent it as it is (a hand-made or damaged packet)",
			PT: "um pacote malformado: o cabeçalho TCP ou UDP dele está cortado, ou diz ter mais bytes do que o pacote IP traz; nenhum socket deste kernel o enviou assim (um pacote feito à mão ou danificado)",
		},
		"capture.explain.truncated": {
			EN: "cut by the capture: only the start of this packet was kept, and its TCP or UDP header was cut off with the rest; the packet itself may be sound",
			PT: "cortado pela captura: só o início deste pacote foi guardado, e o cabeçalho TCP ou UDP dele foi cortado junto com o resto; o pacote em si pode estar correto",
		},
		"capture.explain.fragment": {
			EN: "an IP fragment (from byte %d of a larger packet): IP split a packet too big for the link into pieces, and the receiver's kernel joins them before TCP or UDP sees the packet; socklab does not join them, so it reads no TCP or UDP header from a piece",
			PT: "um fragmento IP (a partir do byte %d de um pacote maior): o IP dividiu em pedaços um pacote grande demais para o enlace, e o kernel de quem recebe os junta antes que o TCP ou o UDP veja o pacote; o socklab não os junta, então não lê cabeçalho TCP ou UDP de um pedaço",
		},
		"capture.explain.udp": {
			EN: "UDP datagram of %d bytes: one sendto, one recvfrom; no connection, no handshake, no ACK, and its boundaries are kept",
			PT: "datagrama UDP de %d bytes: um sendto, um recvfrom; sem conexão, sem handshake, sem ACK, e os limites da mensagem são mantidos",
		},
		"ladder.bad_id": {
			EN: "ladder: want a socket id, not %q",
			PT: "ladder: use o id de um socket, não %q",
		},
		"ladder.none_for": {
			EN: "no packets of [%d] were captured",
			PT: "nenhum pacote de [%d] foi capturado",
		},
		"ladder.none": {
			EN: "no TCP connection was captured",
			PT: "nenhuma conexão TCP foi capturada",
		},
		"ladder.hint": {
			EN: "turn capture on before the connection opens, then ladder ID",
			PT: "ligue o capture antes de a conexão abrir, depois use ladder ID",
		},
	})
	addPlural(map[string]Plural{
		"capture.dropped": {
			One:   Text{EN: "capture: the kernel dropped %d packet (socklab did not read fast enough)", PT: "capture: o kernel descartou %d pacote (o socklab não leu rápido o bastante)"},
			Other: Text{EN: "capture: the kernel dropped %d packets (socklab did not read fast enough)", PT: "capture: o kernel descartou %d pacotes (o socklab não leu rápido o bastante)"},
		},
		"capture.file_failed": {
			One:   Text{EN: "capture: %[2]s: %[3]s; the packets from here on are shown but not written (the file keeps %[1]d packet, whole)", PT: "capture: %[2]s: %[3]s; os pacotes daqui em diante aparecem, mas não são gravados (o arquivo guarda %[1]d pacote, inteiro)"},
			Other: Text{EN: "capture: %[2]s: %[3]s; the packets from here on are shown but not written (the file keeps the %[1]d before, whole)", PT: "capture: %[2]s: %[3]s; os pacotes daqui em diante aparecem, mas não são gravados (o arquivo guarda os %[1]d de antes, inteiros)"},
		},
		"capture.written_partly": {
			One:   Text{EN: "writing %[2]s failed: it holds %[1]d packet, the one before the failure", PT: "a gravação de %[2]s falhou: ele guarda %[1]d pacote de antes da falha"},
			Other: Text{EN: "writing %[2]s failed: it holds %[1]d packets, those before the failure", PT: "a gravação de %[2]s falhou: ele guarda %[1]d pacotes, os de antes da falha"},
		},
		"capture.off": {
			One:   Text{EN: "capture off: %d packet shown", PT: "captura desligada: %d pacote mostrado"},
			Other: Text{EN: "capture off: %d packets shown", PT: "captura desligada: %d pacotes mostrados"},
		},
	})
}
