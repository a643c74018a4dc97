package words

// netops' facts in words: its own errors, the kinds of socket, the values
// it refuses ("input.WANT"), who holds a socket in the kernel's table.
func init() {
	add(map[string]Text{
		"err.timeout":        {EN: "timed out", PT: "tempo esgotado"},
		"err.timeout_after":  {EN: "timed out after %v", PT: "tempo esgotado após %v"},
		"err.no_socket":      {EN: "no such socket", PT: "socket inexistente"},
		"err.not_available":  {EN: "not available on %s", PT: "não disponível em %s"},
		"err.no_such_option": {EN: "not available on %s: no such socket option", PT: "não disponível em %s: essa opção de socket não existe"},
		"err.no_hand_over":   {EN: "not available on %s: the socket cannot be handed to Go's runtime", PT: "não disponível em %s: o socket não pode ser entregue ao runtime do Go"},
		"input.empty_delim":  {EN: "empty delimiter: give at least one byte", PT: "delimitador vazio: dê pelo menos um byte"},
		"err.budget":         {EN: "memory budget spent", PT: "orçamento de memória esgotado"},
		"err.no_peer":        {EN: "no peer yet", PT: "ainda não há par"},
		"err.too_long":       {EN: "too long: more than %d bytes before the delimiter", PT: "longo demais: mais de %d bytes antes do delimitador"},
		"err.too_long_eof":   {EN: "too long: more than %d bytes before the end of stream", PT: "longo demais: mais de %d bytes antes do fim do fluxo"},
		"err.closed":         {EN: "use of closed socket", PT: "uso de socket fechado"},
		"err.unknown":        {EN: "unknown error", PT: "erro desconhecido"},

		"kind.listener": {EN: "a listener", PT: "um listener"},

		"kindword.listener": {EN: "listener", PT: "listener"},
		"kindword.conn":     {EN: "conn", PT: "conexão"},
		"kindword.udp":      {EN: "udp", PT: "udp"},
		"kindword.socket":   {EN: "socket", PT: "socket"},

		"kind.conn":    {EN: "a connection", PT: "uma conexão"},
		"kind.udp":     {EN: "a UDP socket", PT: "um socket UDP"},
		"kind.socket":  {EN: "a socket not yet listening or connected", PT: "um socket ainda sem listen nem connect"},
		"kind.unknown": {EN: "a socket of unknown kind", PT: "um socket de tipo desconhecido"},

		"need.conn":        {EN: "[%[1]d] is %[2]s; %[3]s works on connections", PT: "[%[1]d] é %[2]s; %[3]s funciona em conexões"},
		"need.stream":      {EN: "[%[1]d] is a UDP socket: it has datagrams, not a byte stream to read lines, delimiters or its end from", PT: "[%[1]d] é um socket UDP: tem datagramas, não um fluxo de bytes de onde ler linhas, delimitadores ou o fim"},
		"need.tcpconn":     {EN: "shutdown works on TCP connections; [%[1]d] is %[2]s", PT: "shutdown funciona em conexões TCP; [%[1]d] é %[2]s"},
		"need.listener":    {EN: "accept needs a listening TCP socket; [%[1]d] is %[2]s", PT: "accept precisa de um socket TCP escutando; [%[1]d] é %[2]s"},
		"need.unbound":     {EN: "[%[1]d] is a bound UDP socket; use connect udp %[2]s for a connected one", PT: "[%[1]d] é um socket UDP já com bind; use connect udp %[2]s para ter um conectado"},
		"need.unconnected": {EN: "sendto needs an unconnected UDP socket (listen udp); on [%[1]d] use send", PT: "sendto precisa de um socket UDP não conectado (listen udp); em [%[1]d] use send"},
		"need.udp":         {EN: "recvfrom works on UDP sockets; on [%[1]d] use recv", PT: "recvfrom funciona em sockets UDP; em [%[1]d] use recv"},

		"input.empty_addr": {EN: "empty address: want HOST:PORT, :PORT or PORT", PT: "endereço vazio: use HOST:PORTA, :PORTA ou PORTA"},
		"input.addr":       {EN: "bad address %q: want HOST:PORT, :PORT or PORT", PT: "endereço inválido %q: use HOST:PORTA, :PORTA ou PORTA"},
		"input.hostport":   {EN: "bad address %q: want HOST:PORT (IPv6 as [::1]:PORT)", PT: "endereço inválido %q: use HOST:PORTA (IPv6 como [::1]:PORTA)"},
		"input.host":       {EN: "bad host %q", PT: "host inválido %q"},
		"input.port":       {EN: "bad port %q: want a number from 0 to 65535", PT: "porta inválida %q: use um número de 0 a 65535"},
		"input.proto":      {EN: "unknown protocol %q: want tcp or udp", PT: "protocolo desconhecido %q: use tcp ou udp"},
		"input.option":     {EN: "unknown option %q: want one of %s", PT: "opção desconhecida %q: use uma destas: %s"},
		"input.linger":     {EN: "bad linger %q: want off, or seconds (0: close with RST)", PT: "linger inválido %q: use off, ou segundos (0: close com RST)"},
		"input.bytes":      {EN: "bad %s %q: want a number of bytes", PT: "%s inválido %q: use um número de bytes"},
		"input.onoff":      {EN: "bad %s %q: want on or off", PT: "%s inválido %q: use on ou off"},
		"input.size":       {EN: "bad size %s: want a positive number of bytes", PT: "tamanho inválido %s: use um número positivo de bytes"},
		"input.size0":      {EN: "bad size %s: want a number of bytes, 0 or more", PT: "tamanho inválido %s: use um número de bytes, 0 ou mais"},
		"input.name":       {EN: "bad host %q: want a name or an IP address", PT: "host inválido %q: use um nome ou um endereço IP"},
		"input.backlog":    {EN: "bad backlog %s: want 0 or more", PT: "backlog inválido %s: use 0 ou mais"},
		"input.direction":  {EN: "bad direction %q: want read, write or both", PT: "direção inválida %q: use read, write ou both"},
		"input.unixpath":   {EN: "a UNIX socket's path is at most %[2]d bytes here, this one has %[1]d: use a shorter one (in /tmp, say)", PT: "o caminho de um socket UNIX tem no máximo %[2]d bytes aqui, este tem %[1]d: use um mais curto (em /tmp, por exemplo)"},
		"input.other":      {EN: "bad %s %q", PT: "%s inválido %q"},

		"owner.table":  {EN: "socklab [%d]", PT: "socklab [%d]"},
		"owner.fd":     {EN: "socklab fd %d", PT: "socklab fd %d"},
		"owner.queue":  {EN: "accept queue of [%d]", PT: "fila de accept de [%d]"},
		"owner.kernel": {EN: "no descriptor (kernel)", PT: "sem descritor (kernel)"},
		"owner.other":  {EN: "another process", PT: "outro processo"},
	})
}
