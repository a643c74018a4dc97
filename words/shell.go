package words

// The shell's frame: the labels of its messages, its errors and hints,
// notices and notes.
func init() {
	add(map[string]Text{
		// The labels are translated, as gcc and the C library translate
		// theirs: the person reads them; scripts look at the exit status.
		"label.error": {EN: "error:", PT: "erro:"},
		"label.hint":  {EN: "hint:", PT: "dica:"},
		"label.note":  {EN: "note:", PT: "nota:"},

		"shell.no_socket":       {EN: "no socket [%d]", PT: "não há socket [%d]"},
		"shell.usage":           {EN: "usage: %s", PT: "uso: %s"},
		"shell.help_explains":   {EN: "help %s explains it", PT: "help %s explica"},
		"shell.unknown_long":    {EN: "unknown command %q... (%d bytes)", PT: "comando desconhecido %q... (%d bytes)"},
		"shell.unknown_command": {EN: "unknown command %q", PT: "comando desconhecido %q"},
		"shell.help_lists":      {EN: "help lists the commands", PT: "help lista os comandos"},
		"shell.did_you_mean":    {EN: "did you mean %q? (help lists the commands)", PT: "você quis dizer %q? (help lista os comandos)"},
		"shell.internal":        {EN: "internal error in %s: %v (please report)", PT: "erro interno em %s: %v (por favor, relate)"},
		"shell.close_quote":     {EN: "close the quote, or escape it with a backslash: \\\" or \\'", PT: "feche as aspas, ou escape-as com uma barra invertida: \\\" ou \\'"},
		"shell.canceled":        {EN: "canceled", PT: "cancelado"},
		"shell.op_canceled":     {EN: "%s canceled", PT: "%s cancelado"},
		"shell.no_current":      {EN: "%s: no current socket", PT: "%s: não há socket atual"},
		"shell.name_one":        {EN: "name one, as in: %[1]s %[2]d ..., or pick one with: use %[2]d", PT: "indique um, como em: %[1]s %[2]d ..., ou escolha um com: use %[2]d"},
		"shell.none_open":       {EN: "no sockets are open; open one with listen or connect", PT: "nenhum socket aberto; abra um com listen ou connect"},
		"shell.open_ids":        {EN: "open sockets: %s (sockets shows them)", PT: "sockets abertos: %s (sockets mostra todos)"},

		// Hints for the errors a socket lab meets, one place for each.
		"hint.refused_connect": {EN: "nothing listens on %[1]s — start a server with: listen %[2]s :%[3]s", PT: "ninguém escuta em %[1]s — inicie um servidor com: listen %[2]s :%[3]s"},
		"hint.refused_udp":     {EN: "the peer's port is closed: its ICMP \"port unreachable\" came back (nothing listens there)", PT: "a porta do par está fechada: voltou o ICMP \"port unreachable\" (ninguém escuta lá)"},
		"hint.addr_not_avail":  {EN: "that address is not one of this machine's; use 127.0.0.1, 0.0.0.0 or an address from: ip addr", PT: "esse endereço não é desta máquina; use 127.0.0.1, 0.0.0.0 ou um endereço de: ip addr"},
		"hint.privileged":      {EN: "ports below 1024 need privileges; pick a port from 1024 up", PT: "portas abaixo de 1024 exigem privilégios; escolha uma porta de 1024 para cima"},
		"hint.pipe_step":       {EN: "[%[1]d] is not connected yet: connect %[1]d HOST:PORT first", PT: "[%[1]d] ainda não está conectado: faça connect %[1]d HOST:PORTA antes"},
		"hint.pipe":            {EN: "the peer has closed the connection; close this socket", PT: "o par fechou a conexão; feche este socket"},
		"hint.connect_timeout": {EN: "no answer from %s: the host may be down, or a firewall drops the packets", PT: "sem resposta de %s: o host pode estar desligado, ou um firewall descarta os pacotes"},
		"hint.recv_timeout":    {EN: "nothing arrived in time; wait longer with --timeout, or check that the peer sent something", PT: "nada chegou a tempo; espere mais com --timeout, ou confira se o par enviou algo"},
		"hint.too_long":        {EN: "the bytes stay buffered: read them with recv, or raise the limit with MAX", PT: "os bytes continuam no buffer: leia-os com recv, ou aumente o limite com MAX"},
		"hint.udp_stream":      {EN: "recv %[1]d (no --line, --until or --all) or recvfrom %[1]d takes one datagram", PT: "recv %[1]d (sem --line, --until nem --all) ou recvfrom %[1]d lê um datagrama"},
		"hint.listener_only":   {EN: "a listener only takes clients: accept %d gives a connection to send and recv on", PT: "um listener só recebe clientes: accept %d dá uma conexão para usar send e recv"},
		"hint.netstat_other":   {EN: "socklab reads the kernel's table only on Linux (/proc/net) and Windows; here use the system's: netstat -an", PT: "o socklab só lê a tabela do kernel no Linux (/proc/net) e no Windows; aqui use a do sistema: netstat -an"},
		"hint.no_peer":         {EN: "an unconnected UDP socket sends to the last sender; use: sendto HOST:PORT TEXT", PT: "um socket UDP não conectado envia para o último remetente; use: sendto HOST:PORTA TEXTO"},
		"hint.port_held":       {EN: "[%[1]d] in this shell holds port %[2]d; close it with: close %[1]d", PT: "[%[1]d] neste shell ocupa a porta %[2]d; feche-o com: close %[1]d"},
		"hint.in_use_step":     {EN: "another socket holds port %[1]d, or a connection in TIME_WAIT does (netstat %[1]d shows it)", PT: "outro socket ocupa a porta %[1]d, ou uma conexão em TIME_WAIT (netstat %[1]d mostra)"},
		"hint.reuseaddr_step":  {EN: "option ID reuseaddr 1 before bind lets it share the port with TIME_WAIT connections that had it too", PT: "option ID reuseaddr 1 antes do bind deixa compartilhar a porta com conexões em TIME_WAIT que também o tinham"},
		"hint.unix_is_dir":     {EN: "%[1]s is a directory, not a socket: give the path of the socket file to make, such as %[2]s", PT: "%[1]s é um diretório, não um socket: dê o caminho do arquivo de socket a criar, como %[2]s"},
		"hint.unix_not_socket": {EN: "%s is a regular file, not a socket: give another path (removing it would lose what it holds)", PT: "%s é um arquivo comum, não um socket: dê outro caminho (apagá-lo perderia o que ele guarda)"},
		"hint.unix_in_use":     {EN: "the file %[1]s exists: a server's socket, or one a server that ended left behind; if no server uses it, remove it (%[2]s %[1]s) or give another path", PT: "o arquivo %[1]s existe: o socket de um servidor, ou um que um servidor encerrado deixou; se nenhum servidor o usa, apague-o (%[2]s %[1]s) ou dê outro caminho"},
		"hint.in_use_other":    {EN: "another program holds port %[1]d; see which with: ss -ltnup 'sport = :%[1]d'", PT: "outro programa ocupa a porta %[1]d; veja qual com: ss -ltnup 'sport = :%[1]d'"},
		"hint.in_use_timewait": {EN: "connections in TIME_WAIT on port %[1]d hold it: their sockets did not set SO_REUSEADDR, so the kernel refuses even a listener that does; they leave within 60 s (netstat %[1]d shows them)", PT: "conexões em TIME_WAIT na porta %[1]d a ocupam: os sockets delas não ligaram SO_REUSEADDR, então o kernel recusa até mesmo um listener que o liga; elas saem em até 60 s (netstat %[1]d as mostra)"},
		"hint.in_use_live":     {EN: "socklab sets SO_REUSEADDR, so connections left in TIME_WAIT by sockets that had it too do not block it: a live socket does", PT: "o socklab liga SO_REUSEADDR, então conexões deixadas em TIME_WAIT por sockets que também o ligaram não bloqueiam: um socket vivo bloqueia"},

		// Arrival notices and events.
		"notice.clients": {EN: "%d clients waiting in the accept queue (accept to take one)", PT: "%d clientes esperando na fila de accept (accept para pegar um)"},
		"notice.client":  {EN: "1 client waiting in the accept queue (accept to take it)", PT: "1 cliente esperando na fila de accept (accept para pegá-lo)"},
		"notice.fin":     {EN: "the peer finished sending (FIN): recv returns end of stream", PT: "o par terminou de enviar (FIN): recv devolve fim do fluxo"},
		"notice.error":   {EN: "the kernel reports on this socket: %s (the next recv or send returns it)", PT: "o kernel informa neste socket: %s (o próximo recv ou send o devolve)"},
		"notice.bytes":   {EN: "%[1]s waiting: %[2]s%[3]s (recv to read)", PT: "%[1]s esperando: %[2]s%[3]s (recv para ler)"},

		// Arguments.
		"args.no_unit":        {EN: "--%[1]s %[2]s has no unit: write %[2]ss or %[2]sms", PT: "--%[1]s %[2]s não tem unidade: escreva %[2]ss ou %[2]sms"},
		"args.bad_duration":   {EN: "bad duration --%s %q: write it as 500ms, 2s or 1m", PT: "duração inválida --%s %q: escreva como 500ms, 2s ou 1m"},
		"args.negative":       {EN: "--%s %s is negative", PT: "--%s %s é negativo"},
		"args.bad_number":     {EN: "bad number --%s %q: want a whole number from 0 to 2147483647", PT: "número inválido --%s %q: use um número inteiro de 0 a 2147483647"},
		"args.unknown_option": {EN: "unknown option --%s for %s%s", PT: "opção desconhecida --%s para %s%s"},
		"args.no_value":       {EN: "--%s takes no value", PT: "--%s não recebe valor"},
		"args.needs_value":    {EN: "--%[1]s needs a value: --%[1]s %[2]s", PT: "--%[1]s precisa de um valor: --%[1]s %[2]s"},
		"args.needs":          {EN: "%s needs %s", PT: "%s precisa de %s"},
		"args.takes_none":     {EN: "%s takes no argument %q", PT: "%s não recebe o argumento %q"},
		"args.at_most":        {EN: "%s takes at most %s", PT: "%s recebe no máximo %s"},
		"args.no_options":     {EN: " (it takes no options)", PT: " (não recebe opções)"},
		"args.takes":          {EN: " (it takes %s)", PT: " (recebe %s)"},
		"args.after_id":       {EN: "%s after the socket id", PT: "%s depois do id do socket"},
	})
	addPlural(map[string]Plural{
		"n.arguments": {One: Text{EN: "%d argument", PT: "%d argumento"}, Other: Text{EN: "%d arguments", PT: "%d argumentos"}},
		"n.bytes":     {One: Text{EN: "%d byte", PT: "%d byte"}, Other: Text{EN: "%d bytes", PT: "%d bytes"}},
	})
}
