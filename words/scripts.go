package words

// The course exercises' sentences (scripts/*.lua), which a script renders
// with say(key, ...). The reasons scripts put in ("refused", "timeout",
// ...) are the Lua API's tokens and stay as they are; data is quoted with
// %q (Go's quoting: a peer's bytes cannot reach the terminal raw).
func init() {
	add(map[string]Text{
		"script.listening":     {EN: "listening on %s:%d", PT: "escutando em %s:%d"},
		"script.listening_udp": {EN: "listening on %s:%d (udp)", PT: "escutando em %s:%d (udp)"},
		"script.cannot_listen": {
			EN: "cannot listen on %s: %s (another server there? give another address: socklab %s 127.0.0.1:PORT)",
			PT: "não foi possível escutar em %s: %s (já há outro servidor aí? dê outro endereço: socklab %s 127.0.0.1:PORTA)",
		},
		"script.cannot_bind": {
			EN: "cannot bind %s: %s (another server there? give another address: socklab %s 127.0.0.1:PORT)",
			PT: "não foi possível fazer bind em %s: %s (já há outro servidor aí? dê outro endereço: socklab %s 127.0.0.1:PORTA)",
		},
		"script.cannot_connect": {
			EN: "cannot connect to %[1]s: %[2]s (is the server up? start it first: socklab %[3]s %[1]s)",
			PT: "não foi possível conectar a %[1]s: %[2]s (o servidor está rodando? inicie-o antes: socklab %[3]s %[1]s)",
		},
		"script.accept_failed":    {EN: "accept failed: %s", PT: "o accept falhou: %s"},
		"script.client_connected": {EN: "[%d] client %s:%d connected", PT: "[%d] cliente %s:%d conectado"},
		"script.client_closed":    {EN: "[%d] client %s:%d closed", PT: "[%d] o cliente %s:%d fechou a conexão"},
		"script.received":         {EN: "[%d] received %q", PT: "[%d] recebido %q"},
		"script.connection_from":  {EN: "[%d] connection from %s:%d", PT: "[%d] conexão de %s:%d"},
		"script.sent_replied":     {EN: "[%d] %s:%d sent %q, replied %q", PT: "[%d] %s:%d enviou %q, resposta %q"},
		"script.connected_from":   {EN: "connected from %s:%d to %s", PT: "conectado de %s:%d a %s"},
		"script.reply_received":   {EN: "Received %q", PT: "Recebido %q"},
		"script.no_reply":         {EN: "no reply: %s", PT: "sem resposta: %s"},
		"script.reply":            {EN: "reply: %s", PT: "resposta: %s"},
		"script.needs_seconds":    {EN: "%s needs seconds", PT: "%s precisa de um número de segundos"},
		"script.needs_number":     {EN: "%s needs a number", PT: "%s precisa de um número"},

		"script.chat.connected": {EN: "connected to %s; type lines, \"sair\" to leave", PT: "conectado a %s; digite linhas, \"sair\" para terminar"},
		"script.chat.empty":     {EN: "(empty line skipped: it would send 0 bytes)", PT: "(linha vazia ignorada: ela enviaria 0 bytes)"},
		"script.chat.server":    {EN: "server: %s", PT: "servidor: %s"},
		"script.chat.bye":       {EN: "bye", PT: "tchau"},

		"script.retry.attempt":   {EN: "attempt %d: no answer from %s (%s)", PT: "tentativa %d: sem resposta de %s (%s)"},
		"script.retry.giving_up": {EN: "giving up after %d attempts", PT: "desistindo depois de %d tentativas"},
		"script.retry.again":     {EN: "trying again in %v s", PT: "tentando de novo em %v s"},
		"script.retry.connected": {EN: "connected to %s after %d attempt(s)", PT: "conectado a %s depois de %d tentativa(s)"},

		"script.number.sending":      {EN: "sending %d as %s", PT: "enviando %d como %s"},
		"script.number.reply":        {EN: "reply: %s (%s) FIM", PT: "resposta: %s (%s) FIM"},
		"script.number.no_reply":     {EN: "no reply: %s FIM", PT: "sem resposta: %s FIM"},
		"script.number.sent":         {EN: "[%d] %s:%d sent %s = %s: %d digits, reply %q", PT: "[%d] %s:%d enviou %s = %s: %d dígitos, resposta %q"},
		"script.number.sent_nothing": {EN: "[%d] %s:%d sent %s = %s: %d digits, reply nothing", PT: "[%d] %s:%d enviou %s = %s: %d dígitos, nenhuma resposta"},
		"script.number.explain":      {EN: "    explain: %s has %d digits, even: %s, prime: %s", PT: "    explicação: %s tem %d dígitos, par: %s, primo: %s"},
		"script.number.too_big":      {EN: "too big to test here", PT: "grande demais para testar aqui"},
		"script.yes":                 {EN: "yes", PT: "sim"},
		"script.no":                  {EN: "no", PT: "não"},

		"script.udp.cannot_send": {EN: "cannot send to %s: %s", PT: "não foi possível enviar para %s: %s"},
		"script.udp.sent":        {EN: "Sent:     %q", PT: "Enviado:  %q"},
		"script.udp.received":    {EN: "Received: %q", PT: "Recebido: %q"},
		"script.udp.no_reply":    {EN: "no reply within %v s (%s): UDP may lose datagrams", PT: "nenhuma resposta em %v s (%s): o UDP pode perder datagramas"},
		"script.udp.recv_failed": {EN: "recvfrom failed: %s", PT: "o recvfrom falhou: %s"},
		"script.udp.datagram":    {EN: "datagram from %s: %q -> %q", PT: "datagrama de %s: %q -> %q"},
	})
}
