package words

// What each traced socket call did, for `explain on`: "call.NAME" for a
// successful call, "call.NAME.STATE" refined by the kernel's TCP state
// after it, "call.opt.OPTION" for setsockopt, and a few special cases.
func init() {
	add(map[string]Text{
		// The call itself, where C leaves something unsaid: %s is the call
		// as C writes it ("recv(fd 5) = 0", "accept(fd 3) = fd 6").
		"callline.eof":    {EN: "%s (end of stream)", PT: "%s (fim do fluxo)"},
		"callline.peer":   {EN: "%s, peer %s", PT: "%s, par %s"},
		"callline.from":   {EN: "%s from %s", PT: "%s de %s"},
		"callline.failed": {EN: "%s failed: %s", PT: "%s falhou: %s"},

		"call.bind":     {EN: "the port is now ours", PT: "a porta agora é nossa"},
		"call.listen":   {EN: "the kernel will now complete handshakes", PT: "o kernel agora completa os three-way handshakes"},
		"call.accept":   {EN: "took a finished handshake from the queue: a new socket for this client", PT: "tirou da fila um handshake concluído: um socket novo para este cliente"},
		"call.connect":  {EN: "three-way handshake done (SYN, SYN-ACK, ACK)", PT: "three-way handshake concluído (SYN, SYN-ACK, ACK)"},
		"call.send":     {EN: "copied into the kernel's send buffer; the kernel sends it", PT: "copiado para o buffer de envio do kernel; o kernel o envia"},
		"call.sendto":   {EN: "one datagram sent; UDP does not know if it arrives", PT: "um datagrama enviado; o UDP não sabe se ele chega"},
		"call.recv":     {EN: "copied out of the kernel's receive buffer", PT: "copiado do buffer de recepção do kernel"},
		"call.recvfrom": {EN: "one datagram, with the address it came from", PT: "um datagrama, com o endereço de onde veio"},
		"call.close":    {EN: "descriptor released", PT: "descritor liberado"},

		"call.recv.CLOSE_WAIT":  {EN: "the peer sent FIN: it will send nothing more; we are in CLOSE_WAIT until we close", PT: "o par enviou FIN: não vai enviar mais nada; ficamos em CLOSE_WAIT até fecharmos"},
		"call.close.FIN_WAIT_1": {EN: "we sent FIN first (active close); waiting for the peer's ACK", PT: "enviamos FIN primeiro (fechamento ativo); esperando o ACK do par"},
		"call.close.FIN_WAIT_2": {EN: "we closed first: our FIN is acknowledged, waiting for the peer's FIN", PT: "fechamos primeiro: nosso FIN foi confirmado, esperando o FIN do par"},
		"call.close.TIME_WAIT":  {EN: "we closed first: the kernel keeps the connection in TIME_WAIT (2 MSL) to catch stray segments", PT: "fechamos primeiro: o kernel mantém a conexão em TIME_WAIT (2 MSL) para absorver segmentos atrasados"},
		"call.close.LAST_ACK":   {EN: "we closed second: our FIN is out, waiting for its ACK (LAST_ACK)", PT: "fechamos depois do par: nosso FIN saiu, esperando o ACK dele (LAST_ACK)"},
		"call.close.CLOSED":     {EN: "the connection is gone from the kernel", PT: "a conexão não existe mais no kernel"},
		"call.close.CLOSING":    {EN: "both sides sent FIN at once (CLOSING)", PT: "os dois lados enviaram FIN ao mesmo tempo (CLOSING)"},

		"call.connect_udp": {EN: "UDP connect only records the peer: no packet is sent", PT: "o connect do UDP só registra o par: nenhum pacote é enviado"},
		"call.socket_tcp":  {EN: "a TCP endpoint, not yet addressed", PT: "uma ponta TCP, ainda sem endereço"},
		"call.socket_udp":  {EN: "a UDP endpoint, not yet addressed", PT: "uma ponta UDP, ainda sem endereço"},
		"call.recv_eof":    {EN: "the peer sent FIN: it will send nothing more", PT: "o par enviou FIN: não vai enviar mais nada"},
		"call.shut_wr":     {EN: "FIN sent: we will send nothing more, but can still receive", PT: "FIN enviado: não enviaremos mais nada, mas ainda podemos receber"},
		"call.shut_rdwr":   {EN: "FIN sent, and what arrives from now on is thrown away", PT: "FIN enviado, e o que chegar daqui em diante é descartado"},
		"call.shut_rd":     {EN: "what arrives from now on is thrown away; nothing is sent to the peer", PT: "o que chegar daqui em diante é descartado; nada é enviado ao par"},

		"call.opt.SO_REUSEADDR": {EN: "may bind a port whose old connections are still in TIME_WAIT", PT: "pode fazer bind numa porta cujas conexões antigas ainda estão em TIME_WAIT"},
		"call.opt.SO_REUSEPORT": {EN: "several sockets may bind the same port; the kernel spreads clients among them", PT: "vários sockets podem fazer bind na mesma porta; o kernel distribui os clientes entre eles"},
		"call.opt.TCP_NODELAY":  {EN: "small writes go out at once (Nagle's algorithm off)", PT: "escritas pequenas saem na hora (algoritmo de Nagle desligado)"},
		"call.opt.SO_KEEPALIVE": {EN: "the kernel probes an idle connection to find a vanished peer", PT: "o kernel sonda uma conexão ociosa para descobrir um par que sumiu"},
		"call.opt.SO_LINGER":    {EN: "how close behaves with unsent data; linger 0 makes close send RST", PT: "como o close se comporta com dados não enviados; linger 0 faz o close enviar RST"},
		"call.opt.SO_RCVBUF":    {EN: "the kernel's receive buffer size (Linux doubles the value asked)", PT: "o tamanho do buffer de recepção do kernel (o Linux dobra o valor pedido)"},
		"call.opt.SO_SNDBUF":    {EN: "the kernel's send buffer size (Linux doubles the value asked)", PT: "o tamanho do buffer de envio do kernel (o Linux dobra o valor pedido)"},
	})
}
