package words

// What the shell's commands say as they run: the sockets they open, the
// data they move, their usage errors.
func init() {
	add(map[string]Text{
		// socket commands
		"sock.needs_addr":     {EN: "%s needs an address after %s, as in: %s", PT: "%s precisa de um endereço depois de %s, como em: %s"},
		"sock.backlog_udp":    {EN: "--backlog is for TCP: a UDP socket has no accept queue", PT: "--backlog é para TCP: um socket UDP não tem fila de accept"},
		"sock.all_ifaces":     {EN: "listening on all interfaces; use 127.0.0.1:%s to stay local", PT: "escutando em todas as interfaces; use 127.0.0.1:%s para ficar só na máquina local"},
		"sock.state":          {EN: "  state %s", PT: "  estado %s"},
		"sock.listen":         {EN: "%s listen %s%s", PT: "%s listen %s%s"},
		"sock.udp_connected":  {EN: "%s %s -> %s", PT: "%s %s -> %s"},
		"sock.udp_bound":      {EN: "%s bound %s", PT: "%s com bind %s"},
		"sock.conn":           {EN: "%s conn %s -> %s%s", PT: "%s conexão %s -> %s%s"},
		"sock.accepted":       {EN: "%s conn %s <- %s%s (from listener [%d])", PT: "%s conexão %s <- %s%s (do listener [%d])"},
		"sock.tries_no_retry": {EN: "--tries needs --retry (how long to wait between attempts)", PT: "--tries precisa de --retry (quanto esperar entre as tentativas)"},
		"sock.attempt_again":  {EN: "attempt %d to connect to %s: %s; again in %v", PT: "tentativa %d de conectar a %s: %s; de novo em %v"},
		"sock.attempt":        {EN: "attempt %d to connect to %s: %s", PT: "tentativa %d de conectar a %s: %s"},
		"sock.bad_direction":  {EN: "shutdown: bad direction %q: want read, write or both", PT: "shutdown: direção inválida %q: use read, write ou both"},
		"sock.shut_write":     {EN: "shut down for writing: FIN sent, the peer reads end of stream", PT: "escrita encerrada: FIN enviado, o par lê fim do fluxo"},
		"sock.shut_read":      {EN: "shut down for reading", PT: "leitura encerrada"},
		"sock.shut_both":      {EN: "shut down both ways: FIN sent", PT: "encerrado nos dois sentidos: FIN enviado"},
		"sock.closed":         {EN: "closed", PT: "fechado"},

		// data commands
		"data.sent":          {EN: "sent %s", PT: "enviados %s"},
		"data.sent_to":       {EN: "sent %s to %s", PT: "enviados %s para %s"},
		"data.hex_and_file":  {EN: "give either --hex or --file, not both", PT: "dê --hex ou --file, não os dois"},
		"data.text_and_flag": {EN: "give either TEXT or --hex/--file, not both (quote TEXT that starts with --)", PT: "dê TEXTO ou --hex/--file, não os dois (ponha entre aspas um TEXTO que comece com --)"},
		"data.one_mode":      {EN: "give one of --line, --until and --all", PT: "dê só um de --line, --until e --all"},
		"data.empty_until":   {EN: "--until needs a delimiter of at least one byte", PT: "--until precisa de um delimitador de pelo menos um byte"},
		"data.from":          {EN: " from %s", PT: " de %s"},

		// session commands
		"session.no_sockets":   {EN: "no open sockets", PT: "nenhum socket aberto"},
		"session.queue":        {EN: "queue %d", PT: "fila %d"},
		"session.bad_id":       {EN: "bad socket id %q: want a number such as 1", PT: "id de socket inválido %q: use um número como 1"},
		"session.now_current":  {EN: "is now the current socket", PT: "agora é o socket atual"},
		"session.help_footer":  {EN: "help COMMAND shows its usage, examples and socket calls. Ids look like [1];\ncommands that take one use the current socket (shown in the prompt) without it.\n", PT: "help COMANDO mostra o uso, exemplos e chamadas de socket. Ids têm a forma [1];\ncomandos que recebem um usam o socket atual (mostrado no prompt) quando ele falta.\n"},
		"session.commands":     {EN: "commands:", PT: "comandos:"},
		"session.usage":        {EN: "usage: %s", PT: "uso: %s"},
		"session.also":         {EN: "also:  %s", PT: "também: %s"},
		"session.options":      {EN: "options:", PT: "opções:"},
		"session.examples":     {EN: "examples:", PT: "exemplos:"},
		"session.calls":        {EN: "socket calls: %s", PT: "chamadas de socket: %s"},
		"session.prompt_hi":    {EN: "socklab: type help for the commands, Ctrl-D to leave", PT: "socklab: digite help para ver os comandos, Ctrl-D para sair"},
		"session.no_editor":    {EN: "cannot start the line editor: %v", PT: "não foi possível iniciar o editor de linha: %v"},
		"session.one_per_line": {EN: "the shell reads one command per line: to send a file, use send --file FILE, or socklab nc HOST PORT < FILE", PT: "o shell lê um comando por linha: para enviar um arquivo, use send --file ARQUIVO, ou socklab nc HOST PORTA < ARQUIVO"},
		"session.line_long":    {EN: "input line longer than %d bytes: skipped", PT: "linha de entrada com mais de %d bytes: ignorada"},

		// teaching commands
		"teach.no_step":          {EN: "use the one-step commands: listen [tcp|udp] ADDR, connect [tcp|udp] HOST:PORT", PT: "use os comandos de um passo: listen [tcp|udp] ENDEREÇO, connect [tcp|udp] HOST:PORTA"},
		"teach.netstat_head":     {EN: "PROTO\tLOCAL\tREMOTE\tSTATE\tRECV-Q\tSEND-Q\tOWNER\t", PT: "PROTO\tLOCAL\tREMOTO\tESTADO\tRECV-Q\tSEND-Q\tDONO\t"},
		"teach.created":          {EN: "created, no address yet", PT: "criado, ainda sem endereço"},
		"teach.socket":           {EN: "%s socket fd %d %s%s", PT: "%s socket fd %d %s%s"},
		"teach.bound":            {EN: "bound to %s", PT: "com bind em %s"},
		"teach.backlog_twice":    {EN: "the backlog is given twice: as %s and as --backlog", PT: "o backlog foi dado duas vezes: como %s e como --backlog"},
		"teach.bad_backlog":      {EN: "bad backlog %q: want a number from 0 to 2147483647, as in: listen %d 5", PT: "backlog inválido %q: use um número de 0 a 2147483647, como em: listen %d 5"},
		"teach.connect_one_call": {EN: "connect %d HOST:PORT makes one connect(2) call: it takes --timeout, not --retry or --tries (those are for connect HOST:PORT, a fresh socket each attempt)", PT: "connect %d HOST:PORTA faz uma só chamada connect(2): aceita --timeout, não --retry nem --tries (esses são do connect HOST:PORTA, com um socket novo a cada tentativa)"},
		"teach.explain_is_on":    {EN: "explain is on", PT: "explain está ligado"},
		"teach.explain_is_off":   {EN: "explain is off", PT: "explain está desligado"},
		"teach.explain_on":       {EN: "explain on: each command shows its socket calls and the state after them", PT: "explain ligado: cada comando mostra as chamadas de socket e o estado depois delas"},
		"teach.explain_off":      {EN: "explain off", PT: "explain desligado"},
		"teach.explain_want":     {EN: "explain: want on or off, not %q", PT: "explain: use on ou off, não %q"},
		"teach.bad_port":         {EN: "bad port %q: want a number from 1 to 65535", PT: "porta inválida %q: use um número de 1 a 65535"},
		"teach.no_ports":         {EN: "no sockets yet: this session has used no port", PT: "nenhum socket ainda: esta sessão não usou nenhuma porta"},
		"teach.kernel_none":      {EN: "the kernel has no socket %s", PT: "o kernel não tem socket %s"},
		"teach.port":             {EN: "on port %s", PT: "na porta %s"},
		"teach.ports":            {EN: "on ports %s", PT: "nas portas %s"},
		"teach.fin_close_wait":   {EN: "the peer finished sending (FIN): end of stream; [%d] is now in CLOSE_WAIT until you close it", PT: "o par terminou de enviar (FIN): fim do fluxo; [%d] agora está em CLOSE_WAIT até você fechá-lo"},
		"teach.fin_both_done":    {EN: "the peer finished sending (FIN): end of stream; both sides are done, so [%d] is CLOSE (netstat shows the TIME_WAIT the kernel keeps)", PT: "o par terminou de enviar (FIN): fim do fluxo; os dois lados terminaram, então [%d] está em CLOSE (netstat mostra o TIME_WAIT que o kernel mantém)"},
		"teach.fin":              {EN: "the peer finished sending (FIN): end of stream", PT: "o par terminou de enviar (FIN): fim do fluxo"},
		"teach.fin_state":        {EN: "the peer finished sending (FIN): end of stream; state %s", PT: "o par terminou de enviar (FIN): fim do fluxo; estado %s"},
		"teach.report_head":      {EN: "# socklab lab report\n\nRecorded %s. Each section is one command and what it printed.\n", PT: "# Relatório de laboratório do socklab\n\nGravado em %s. Cada seção é um comando e o que ele mostrou.\n"},
		"teach.not_recording":    {EN: "not recording", PT: "não está gravando"},
		"teach.record_off":       {EN: "record off: report written to %s", PT: "record desligado: relatório gravado em %s"},
		"teach.recording":        {EN: "recording to %s (record off to finish)", PT: "gravando em %s (record off para terminar)"},

		// scripts and interact
		"script.needs_script":  {EN: "run needs a script", PT: "run precisa de um script"},
		"script.path_hint":     {EN: "a path is relative to where socklab started; the course scripts are in scripts/, as in: run scripts/echo.lua", PT: "um caminho é relativo a onde o socklab foi iniciado; os scripts do curso estão em scripts/, como em: run scripts/echo.lua"},
		"script.needs_code":    {EN: "lua needs code", PT: "lua precisa de código"},
		"script.chunk":         {EN: "the Lua chunk", PT: "o trecho Lua"},
		"script.background":    {EN: "%s running in the background; its sockets show in `sockets`", PT: "%s rodando em segundo plano; seus sockets aparecem em `sockets`"},
		"interact.no_input":    {EN: "interact needs an input to read typed lines from", PT: "interact precisa de uma entrada de onde ler as linhas digitadas"},
		"interact.banner":      {EN: "interact: typed lines go out with \"\\n\"; Ctrl-D or Ctrl-] leaves", PT: "interact: as linhas digitadas saem com \"\\n\"; Ctrl-D ou Ctrl-] sai"},
		"interact.peer_closed": {EN: "the peer closed its side (end of stream); leaving interact", PT: "o par fechou o lado dele (fim do fluxo); saindo do interact"},
		"interact.left":        {EN: "left interact", PT: "saiu do interact"},

		// escapes and quoting
		"escape.lone":    {EN: "a lone \\ at the end of %q: write \\\\ for a backslash", PT: "uma \\ sozinha no fim de %q: escreva \\\\ para uma barra invertida"},
		"escape.bad_x":   {EN: "bad escape in %q: \\x takes two hex digits, as in \\x0a", PT: "escape inválido em %q: \\x leva dois dígitos hexadecimais, como em \\x0a"},
		"escape.unknown": {EN: "unknown escape \\%c in %q: known are \\n \\r \\t \\0 \\xNN \\\\", PT: "escape desconhecido \\%c em %q: os conhecidos são \\n \\r \\t \\0 \\xNN \\\\"},
		"escape.odd_hex": {EN: "odd number of hex digits in %q: each byte takes two, as in 0a", PT: "número ímpar de dígitos hexadecimais em %q: cada byte leva dois, como em 0a"},
		"escape.bad_hex": {EN: "bad hex %q: want pairs of digits 0-9a-f, as in 48656c6c6f", PT: "hexadecimal inválido %q: use pares de dígitos 0-9a-f, como em 48656c6c6f"},
		"parse.unclosed": {EN: "unterminated quote: a %c opened but never closed", PT: "aspas não fechadas: um %c foi aberto e nunca fechado"},
	})
}
