package words

// Messages of `socklab check`: the exercises, their cases, the report and
// the command line. The explanations of failures are in check_explain.go.
func init() {
	add(map[string]Text{
		"check.about.echo_server":        {EN: "echo server: every chunk back unchanged until the client closes", PT: "servidor de eco: devolve cada bloco sem mudar nada até o cliente fechar"},
		"check.about.echo_client":        {EN: "echo client: sends its message, one recv, prints the reply", PT: "cliente de eco: envia a mensagem, faz um recv e imprime a resposta"},
		"check.about.fixed_server":       {EN: "answers every chunk with SERVER OK - STATUS 200", PT: "responde a cada bloco com SERVER OK - STATUS 200"},
		"check.about.retry_client":       {EN: "tries again every 2 s until the server is up, then Testando conexão", PT: "tenta de novo a cada 2 s até o servidor subir e então envia Testando conexão"},
		"check.about.chat_client":        {EN: "sends each typed line (no newline) until sair", PT: "envia cada linha digitada (sem quebra de linha) até sair"},
		"check.about.multiclient_server": {EN: "one recv per client, reply stripped and upper-cased, server closes first", PT: "um recv por cliente, resposta sem espaços nas pontas e em maiúsculas, o servidor fecha primeiro"},
		"check.about.udp_server":         {EN: "one datagram back per datagram, stripped and upper-cased", PT: "um datagrama de volta para cada datagrama, sem espaços nas pontas e em maiúsculas"},
		"check.about.udp_client":         {EN: "each typed line plus \\n as one datagram, prints the reply", PT: "cada linha digitada mais \\n em um datagrama; imprime a resposta"},
		"check.about.number_server":      {EN: "a big-endian number in, PAR or ÍMPAR out, then it closes", PT: "recebe um número big-endian, responde PAR ou ÍMPAR e fecha"},
		"check.about.number_client":      {EN: "sends a number from 1 to 1000 as 2 bytes, big-endian", PT: "envia um número de 1 a 1000 em 2 bytes, big-endian"},

		"check.case.echo_hello":        {EN: "\"Hello, world\" comes back unchanged, in one piece", PT: "\"Hello, world\" volta sem mudança, de uma vez só"},
		"check.case.echo_utf8":         {EN: "text with accents (UTF-8) comes back unchanged", PT: "texto com acentos (UTF-8) volta sem mudança"},
		"check.case.session":           {EN: "several messages in one connection, one reply each", PT: "várias mensagens na mesma conexão, uma resposta para cada"},
		"check.case.client_closes":     {EN: "the server ends the session when the client closes", PT: "o servidor encerra a sessão quando o cliente fecha"},
		"check.case.connects":          {EN: "the client connects", PT: "o cliente se conecta"},
		"check.case.client_message":    {EN: "the message goes out in one write, with no newline", PT: "a mensagem sai em uma escrita só, sem quebra de linha"},
		"check.case.reads_then_closes": {EN: "the client reads the reply, then closes", PT: "o cliente lê a resposta e depois fecha"},
		"check.case.prints":            {EN: "the client prints what the server answered", PT: "o cliente imprime o que o servidor respondeu"},
		"check.case.fixed_reply":       {EN: "the reply is exactly SERVER OK - STATUS 200", PT: "a resposta é exatamente SERVER OK - STATUS 200"},
		"check.case.survives_refused":  {EN: "refused connections do not stop the client; it connects once the server is up", PT: "conexões recusadas não derrubam o cliente; ele se conecta quando o servidor sobe"},
		"check.case.fresh_socket":      {EN: "each attempt uses a new socket", PT: "cada tentativa usa um socket novo"},
		"check.case.interval":          {EN: "attempts are about 2 s apart", PT: "as tentativas têm uns 2 s de intervalo"},
		"check.case.retry_message":     {EN: "then it sends exactly \"Testando conexão\"", PT: "depois envia exatamente \"Testando conexão\""},
		"check.case.first_line":        {EN: "the first typed line goes out as it is, with no newline", PT: "a primeira linha digitada sai como está, sem quebra de linha"},
		"check.case.each_line":         {EN: "each line is its own message, sent after the previous reply", PT: "cada linha é uma mensagem, enviada depois da resposta anterior"},
		"check.case.sair":              {EN: "\"sair\" ends the session and is never sent", PT: "\"sair\" encerra a sessão e nunca é enviado"},
		"check.case.upper":             {EN: "\"Hello, world\" comes back as \"HELLO, WORLD\"", PT: "\"Hello, world\" volta como \"HELLO, WORLD\""},
		"check.case.closes_first":      {EN: "the server closes the connection first, right after its reply", PT: "o servidor fecha a conexão primeiro, logo depois da resposta"},
		"check.case.strip":             {EN: "spaces and newlines at the ends are removed", PT: "espaços e quebras de linha nas pontas são removidos"},
		"check.case.upper_utf8":        {EN: "text with accents (UTF-8) is upper-cased without breaking it", PT: "texto com acentos (UTF-8) vai para maiúsculas sem se estragar"},
		"check.case.many_clients":      {EN: "several clients connected at once each get their own reply", PT: "vários clientes conectados ao mesmo tempo recebem cada um a sua resposta"},
		"check.case.udp_upper":         {EN: "\"hello\\n\" comes back as one datagram \"HELLO\"", PT: "\"hello\\n\" volta como um datagrama \"HELLO\""},
		"check.case.own_port":          {EN: "the reply comes from the server's own address and port", PT: "a resposta vem do próprio endereço e porta do servidor"},
		"check.case.empty_line":        {EN: "a bare \"\\n\" gets an empty datagram back", PT: "um \"\\n\" sozinho recebe de volta um datagrama vazio"},
		"check.case.udp_several":       {EN: "several datagrams from one client, one reply each", PT: "vários datagramas do mesmo cliente, uma resposta para cada"},
		"check.case.udp_two_clients":   {EN: "two clients each get their own reply at their own port", PT: "dois clientes recebem cada um a sua resposta na sua própria porta"},
		"check.case.datagram":          {EN: "the first line goes out as one datagram, with \\n added", PT: "a primeira linha sai em um datagrama, com \\n no fim"},
		"check.case.udp_lines":         {EN: "every line is one datagram, in order, each after the previous reply", PT: "cada linha é um datagrama, em ordem, cada um depois da resposta anterior"},
		"check.case.even":              {EN: "an even number (1000 = 03 e8) gets PAR", PT: "um número par (1000 = 03 e8) recebe PAR"},
		"check.case.odd":               {EN: "an odd number (7 = 00 07) gets ÍMPAR", PT: "um número ímpar (7 = 00 07) recebe ÍMPAR"},
		"check.case.nine_digits":       {EN: "all bytes received are one number (4 bytes, 9 digits: ÍMPAR)", PT: "todos os bytes recebidos formam um número (4 bytes, 9 dígitos: ÍMPAR)"},
		"check.case.ten_digits":        {EN: "a number of exactly 10 digits gets nothing, then the close", PT: "um número de exatamente 10 dígitos não recebe nada, só o fechamento"},
		"check.case.eleven_digits":     {EN: "a number of more than 10 digits comes back in decimal", PT: "um número de mais de 10 dígitos volta em decimal"},
		"check.case.width":             {EN: "the number is sent as exactly 2 bytes", PT: "o número é enviado em exatamente 2 bytes"},
		"check.case.big_endian":        {EN: "the bytes are big-endian, a number from 1 to 1000", PT: "os bytes estão em big-endian, um número de 1 a 1000"},

		"check.pass":                 {EN: "PASS", PT: "OK"},
		"check.fail":                 {EN: "FAIL", PT: "FALHA"},
		"check.head":                 {EN: "socklab check %s at %s", PT: "socklab check %s em %s"},
		"check.summary":              {EN: "%d of %d cases passed", PT: "%d de %d casos passaram"},
		"check.list_head":            {EN: "exercises (socklab check EXERCISE [HOST:PORT] [-- COMMAND]):", PT: "exercícios (socklab check EXERCÍCIO [HOST:PORTA] [-- COMANDO]):"},
		"check.label.expected":       {EN: "expected:", PT: "esperado:"},
		"check.label.got":            {EN: "got:     ", PT: "chegou:  "},
		"check.label.hex_expected":   {EN: "expected in hex:", PT: "esperado em hexa:"},
		"check.label.hex_got":        {EN: "got in hex:     ", PT: "chegou em hexa:  "},
		"check.label.meaning":        {EN: "what it means:", PT: "o que significa:"},
		"check.label.rule":           {EN: "course rule:", PT: "regra do curso:"},
		"check.label.output":         {EN: "your program's last output:", PT: "a última saída do seu programa:"},
		"check.cannot_write":         {EN: "cannot write %s: %v", PT: "não foi possível gravar %s: %v"},
		"check.usage.bad_addr":       {EN: "bad address %q: want HOST:PORT, :PORT or PORT (port 1 to 65535)", PT: "endereço inválido %q: use HOST:PORTA, :PORTA ou PORTA (porta de 1 a 65535)"},
		"check.usage.bad_timeout":    {EN: "bad timeout %q: want a duration such as 3s or 500ms (at most 1h)", PT: "timeout inválido %q: use uma duração como 3s ou 500ms (no máximo 1h)"},
		"check.usage.empty_command":  {EN: "nothing after --: give the command that runs your program, e.g. -- %s server.py", PT: "nada depois de --: dê o comando que roda o seu programa, por exemplo -- %s server.py"},
		"check.usage.extra":          {EN: "unexpected argument %q (a command goes after --)", PT: "argumento inesperado %q (o comando vai depois de --)"},
		"check.usage.needs_value":    {EN: "%s needs a value", PT: "%s precisa de um valor"},
		"check.usage.unknown_option": {EN: "unknown option %s", PT: "opção desconhecida %s"},
		"check.usage.unknown_exercise": {EN: "no exercise named %q; these are the ones socklab checks:",
			PT: "não existe exercício chamado %q; estes são os que o socklab verifica:"},
		"check.usage.client_needs_command": {EN: "%s checks a client: give the command that runs it after --, e.g. socklab check %[1]s -- %[2]s client.py",
			PT: "%s verifica um cliente: dê depois de -- o comando que o executa, por exemplo socklab check %[1]s -- %[2]s client.py"},
		"check.usage": {
			EN: `usage: socklab check                     the exercises and their course addresses
       socklab check EXERCISE [HOST:PORT] [--timeout D] [--json] [--gradescope FILE] [--lang en|pt] [-- COMMAND ARGS...]
  A server is checked where it runs, or started with -- COMMAND (and started again when it
  exits after one client). A client is always started with -- COMMAND; socklab plays the server.
  Exit status: 0 every case passed, 1 a case failed, 2 bad usage or a --gradescope FILE
  that cannot be written (nothing graded).`,
			PT: `uso: socklab check                       os exercícios e os endereços do curso
     socklab check EXERCÍCIO [HOST:PORTA] [--timeout D] [--json] [--gradescope ARQUIVO] [--lang en|pt] [-- COMANDO ARGS...]
  Um servidor é verificado onde está rodando, ou iniciado com -- COMANDO (e iniciado de novo
  quando termina depois de um cliente). Um cliente sempre é iniciado com -- COMANDO; o socklab
  faz o papel do servidor. Código de saída: 0 todos os casos passaram, 1 algum falhou, 2 uso errado ou um
  ARQUIVO de --gradescope que não pode ser gravado (nada avaliado).`,
		},

		"check.note.reply":               {EN: "sent %s, got %s", PT: "enviou %s, recebeu %s"},
		"check.note.closed_after_client": {EN: "the server closed its side after the client's close", PT: "o servidor fechou o lado dele depois do fechamento do cliente"},
		"check.note.closed_first":        {EN: "the server's FIN came right after the reply", PT: "o FIN do servidor veio logo depois da resposta"},
		"check.note.many":                {EN: "%d clients at once, from ports %s", PT: "%d clientes ao mesmo tempo, das portas %s"},
		"check.note.number":              {EN: "%s (%s) got %s", PT: "%s (%s) recebeu %s"},
		"check.note.number_nothing":      {EN: "%s (%s) got nothing, then the close", PT: "%s (%s) não recebeu nada, só o fechamento"},
		"check.note.udp_port":            {EN: "from %s", PT: "de %s"},
		"check.note.udp_clients":         {EN: "ports %d and %d", PT: "portas %d e %d"},
		"check.note.connected":           {EN: "from %s", PT: "de %s"},
		"check.note.sent":                {EN: "sent %s", PT: "enviou %s"},
		"check.note.client_closed":       {EN: "it closed after reading", PT: "fechou depois de ler"},
		"check.note.sair":                {EN: "it closed without sending sair", PT: "fechou sem enviar sair"},
		"check.note.retry":               {EN: "refused for %s, connected %s after the server came up", PT: "recusado por %s, conectou %s depois que o servidor subiu"},
		"check.note.not_visible":         {EN: "not visible on this system", PT: "não dá para ver neste sistema"},
		"check.note.interval":            {EN: "%s between attempts", PT: "%s entre as tentativas"},
		"check.note.attempts_unseen":     {EN: "not measured: no attempt's socket was seen (each one closed as soon as its connect was refused)", PT: "não medido: nenhum socket das tentativas foi visto (cada um foi fechado assim que o connect foi recusado)"},
		"check.note.interval_unseen":     {EN: "only one attempt was seen before the server came up", PT: "só uma tentativa foi vista antes do servidor subir"},
		"check.note.width":               {EN: "%s", PT: "%s"},
		"check.note.big_endian":          {EN: "%s = %d", PT: "%s = %d"},
	})
	addPlural(map[string]Plural{
		"check.bytes":          {One: Text{EN: "(%d byte)", PT: "(%d byte)"}, Other: Text{EN: "(%d bytes)", PT: "(%d bytes)"}},
		"check.note.session":   {One: Text{EN: "%d message, each answered", PT: "%d mensagem respondida"}, Other: Text{EN: "%d messages, each answered", PT: "%d mensagens, todas respondidas"}},
		"check.note.datagrams": {One: Text{EN: "%d datagram, one reply", PT: "%d datagrama, uma resposta"}, Other: Text{EN: "%d datagrams, one reply each", PT: "%d datagramas, uma resposta para cada"}},
		"check.note.printed":   {One: Text{EN: "%d reply printed", PT: "%d resposta impressa"}, Other: Text{EN: "%d replies printed", PT: "%d respostas impressas"}},
		"check.note.lines":     {One: Text{EN: "%d line, one message", PT: "%d linha, uma mensagem"}, Other: Text{EN: "%d lines, one message each", PT: "%d linhas, uma mensagem para cada"}},
		"check.note.sockets":   {One: Text{EN: "%d socket seen", PT: "%d socket visto"}, Other: Text{EN: "%d sockets seen, one per attempt", PT: "%d sockets vistos, um por tentativa"}},
	})
}
