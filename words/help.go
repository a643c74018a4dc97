package words

// The shell's help, command by command: "help.NAME.summary" for the list,
// "help.NAME.text" for `help NAME`, "help.NAME.flag.FLAG" for each option,
// "help.NAME.calls" for the socket calls it makes. The command table
// (repl) holds the syntax: names, usage lines, examples.
func init() {
	add(map[string]Text{
		"help.listen.summary": {EN: "open a server socket on a port", PT: "abre um socket servidor numa porta"},
		"help.listen.text": {
			EN: "Opens a socket bound to HOST:PORT. For TCP it listens: clients can connect,\nand accept takes them one by one. For UDP it receives datagrams sent to the\nport (recvfrom reads them, sendto answers). An empty HOST (\":8888\" or \"8888\")\nmeans 0.0.0.0, every IPv4 interface, as nc -l does; use 127.0.0.1:PORT to stay\nlocal, [::]:PORT or tcp6 for IPv6 (tcp4, tcp6, udp4, udp6 choose the IP\nversion). HOST and PORT may also be two words: listen 127.0.0.1 8888. Port 0\nlets the kernel pick a free port. The new socket becomes the current one.\n\nThe step form \"listen ID [BACKLOG]\" makes only the listen(2) call, on a\nsocket made with socket and bound with bind (see help socket).",
			PT: "Abre um socket com bind em HOST:PORTA. Em TCP ele escuta: clientes podem se\nconectar, e accept os pega um a um. Em UDP ele recebe os datagramas enviados à\nporta (recvfrom os lê, sendto responde). Um HOST vazio (\":8888\" ou \"8888\")\nsignifica 0.0.0.0, todas as interfaces IPv4, como no nc -l; use 127.0.0.1:PORTA\npara ficar só na máquina local, [::]:PORTA ou tcp6 para IPv6 (tcp4, tcp6, udp4,\nudp6 escolhem a versão do IP). HOST e PORTA também podem ser duas palavras:\nlisten 127.0.0.1 8888. A porta 0 deixa o kernel escolher uma porta livre. O\nnovo socket passa a ser o atual.\n\nA forma em passos \"listen ID [BACKLOG]\" faz só a chamada listen(2), num socket\ncriado com socket e com bind feito por bind (veja help socket).",
		},
		"help.listen.flag.backlog": {EN: "how many finished handshakes the kernel queues for accept", PT: "quantos handshakes concluídos o kernel guarda na fila para o accept"},
		"help.listen.calls":        {EN: "socket, setsockopt(SO_REUSEADDR), bind, listen (UDP: socket, bind)", PT: "socket, setsockopt(SO_REUSEADDR), bind, listen (UDP: socket, bind)"},

		"help.accept.summary": {EN: "take the next client from a listener", PT: "pega o próximo cliente de um listener"},
		"help.accept.text": {
			EN: "Waits for a client on the listener (the current socket by default) and\ngives the new connection its own id; it becomes the current socket. The\nlistener stays open for more clients. Ctrl-C stops the wait. When the\ncurrent socket is a connection, accept uses the newest listener.",
			PT: "Espera um cliente no listener (por padrão, o socket atual) e dá à nova\nconexão um id próprio; ela passa a ser o socket atual. O listener continua\naberto para mais clientes. Ctrl-C interrompe a espera. Quando o socket atual\né uma conexão, accept usa o listener mais recente.",
		},
		"help.accept.flag.timeout": {EN: "give up after D (500ms, 2s)", PT: "desiste depois de D (500ms, 2s)"},
		"help.accept.calls":        {EN: "accept", PT: "accept"},

		"help.connect.summary": {EN: "connect to a server", PT: "conecta a um servidor"},
		"help.connect.text": {
			EN: "Connects to HOST:PORT (or HOST PORT as two words, as nc: connect 127.0.0.1\n8888, connect ::1 8888; tcp4, tcp6, udp4, udp6 choose the IP version); the\nconnection becomes the current socket. With\n--retry it tries again every D until it succeeds (each failure is shown),\n--tries attempts at most, each with a fresh socket, as a client that waits\nfor its server does. A UDP \"connection\" only fixes the peer: no packet is\nsent. Ctrl-C stops it.\n\nThe step form \"connect ID HOST:PORT\" makes only the connect(2) call, on a\nsocket made with socket (and maybe bound with bind).",
			PT: "Conecta a HOST:PORTA (ou HOST PORTA como duas palavras, como no nc: connect\n127.0.0.1 8888, connect ::1 8888; tcp4, tcp6, udp4, udp6 escolhem a versão do\nIP); a conexão passa a ser o socket atual. Com --retry\nele tenta de novo a cada D até conseguir (cada falha é mostrada), no máximo\n--tries tentativas, cada uma com um socket novo, como faz um cliente que\nespera o seu servidor. Uma \"conexão\" UDP só fixa o par: nenhum pacote é\nenviado. Ctrl-C interrompe.\n\nA forma em passos \"connect ID HOST:PORTA\" faz só a chamada connect(2), num\nsocket criado com socket (e talvez com bind feito por bind).",
		},
		"help.connect.flag.retry":   {EN: "on failure, try again after D", PT: "se falhar, tenta de novo depois de D"},
		"help.connect.flag.tries":   {EN: "with --retry: attempts at most (default: no limit)", PT: "com --retry: número máximo de tentativas (padrão: sem limite)"},
		"help.connect.flag.timeout": {EN: "give up on one attempt after D", PT: "desiste de uma tentativa depois de D"},
		"help.connect.calls":        {EN: "socket, connect (TCP: the three-way handshake)", PT: "socket, connect (TCP: o three-way handshake)"},

		"help.shutdown.summary": {EN: "half-close a connection (write sends FIN)", PT: "fecha metade de uma conexão (write envia FIN)"},
		"help.shutdown.text": {
			EN: "Half-closes a TCP connection. \"write\" sends FIN: the peer reads end of\nstream, yet can still send to us. \"read\" stops receiving: recv returns end\nof stream at once when nothing waits; the peer is not told (on Linux what it\nstill sends can be read, on macOS it is discarded, on Windows it resets the\nconnection). \"both\" (the default) does both; the socket stays in the table\nuntil close.",
			PT: "Fecha metade de uma conexão TCP. \"write\" envia FIN: o par lê fim do fluxo,\nmas ainda pode nos enviar dados. \"read\" para de receber: recv devolve fim do\nfluxo logo quando nada espera; o par não é avisado (no Linux o que ele ainda\nenvia pode ser lido, no macOS é descartado, no Windows reinicia a conexão).\n\"both\" (o padrão) faz os dois; o socket continua na tabela até o close.",
		},
		"help.shutdown.calls": {EN: "shutdown(SHUT_WR | SHUT_RD | SHUT_RDWR)", PT: "shutdown(SHUT_WR | SHUT_RD | SHUT_RDWR)"},

		"help.close.summary": {EN: "close a socket", PT: "fecha um socket"},
		"help.close.text": {
			EN: "Closes the socket and removes it from the table; its id is not reused.\nClosing a connection sends FIN (or RST if received data was left unread).\nClosing a listener refuses new clients; connections it accepted stay open.",
			PT: "Fecha o socket e o tira da tabela; o id dele não é reutilizado. Fechar uma\nconexão envia FIN (ou RST se ficaram dados recebidos sem ler). Fechar um\nlistener recusa novos clientes; as conexões que ele aceitou continuam abertas.",
		},
		"help.close.calls": {EN: "close", PT: "close"},

		"help.send.summary": {EN: "send bytes exactly as given", PT: "envia os bytes exatamente como foram dados"},
		"help.send.text": {
			EN: "Sends the bytes of TEXT, nothing added (sendline adds \"\\n\"). Several words\nare joined by one space. Escapes: \\n \\r \\t \\0 \\xNN \\\\ ; quote as a shell\ndoes ('...' or \"...\") to keep spaces or a leading --. --hex sends bytes\ngiven in hex, --file the contents of a file, pipe or device, streamed to\nits end a chunk at a time (on UDP: one datagram, at most 65507 bytes).\nAll bytes go out (sendall).\n\nWhich socket: a command that takes [ID] uses the current socket (the last\none opened, accepted, or chosen with use) unless its first argument is a\nbare number that was ever a socket's id. Ids are never reused, so\n\"send 2 hello\" sends \"hello\" on [2], and once [2] is closed it fails with\n\"[2] is closed\": it never reaches another socket. Data that is a number\nis quoted: send \"2\" sends \"2\" on the current socket, send 2 \"42\" sends\n\"42\" on [2]. Quoted text is never an id: send '2' hello sends \"2 hello\".\nA bare number that was never an id is text (send 7 x sends \"7 x\") unless\nthe command can take it as nothing else (close 7: no socket [7]).",
			PT: "Envia os bytes de TEXTO, sem acrescentar nada (sendline acrescenta \"\\n\").\nVárias palavras são unidas por um espaço. Escapes: \\n \\r \\t \\0 \\xNN \\\\ ; use\naspas como num shell ('...' ou \"...\") para manter espaços ou um -- no início.\n--hex envia bytes dados em hexadecimal, --file o conteúdo de um arquivo, pipe\nou dispositivo, enviado aos pedaços até o fim (em UDP: um datagrama, de no\nmáximo 65507 bytes). Todos os bytes saem (sendall).\n\nQual socket: um comando que aceita [ID] usa o socket atual (o último aberto,\naceito ou escolhido com use), a menos que o primeiro argumento seja um número\nsem aspas que já foi id de algum socket. Ids nunca são reutilizados, então\n\"send 2 hello\" envia \"hello\" em [2], e depois que [2] é fechado ele falha com\n\"[2] está fechado\": nunca chega a outro socket. Dados que são um número vão\nentre aspas: send \"2\" envia \"2\" no socket atual, send 2 \"42\" envia \"42\" em\n[2]. Texto entre aspas nunca é id: send '2' hello envia \"2 hello\". Um número\nsem aspas que nunca foi id é texto (send 7 x envia \"7 x\"), a menos que o\ncomando não possa tomá-lo como outra coisa (close 7: não há socket [7]).",
		},
		"help.send.flag.hex":     {EN: "send these bytes, given in hex (48656c6c6f or 48 65 6c)", PT: "envia estes bytes, dados em hexadecimal (48656c6c6f ou 48 65 6c)"},
		"help.send.flag.file":    {EN: "send the contents of this file, pipe or device (streamed)", PT: "envia o conteúdo deste arquivo, pipe ou dispositivo (aos pedaços)"},
		"help.send.flag.timeout": {EN: "give up if the bytes cannot go out within D", PT: "desiste se os bytes não puderem sair em até D"},
		"help.send.calls":        {EN: "send (repeated until every byte is out)", PT: "send (repetido até todos os bytes saírem)"},

		"help.sendline.summary": {EN: "send TEXT and \"\\n\"", PT: "envia TEXTO e \"\\n\""},
		"help.sendline.text": {
			EN: "Sends TEXT followed by \"\\n\", as a line-based protocol expects. TEXT is read\nas send reads it (escapes, quoting, the id rule: see help send), so\nsendline \"2\" sends \"2\\n\"; sendline \"\" sends an empty line.",
			PT: "Envia TEXTO seguido de \"\\n\", como espera um protocolo baseado em linhas.\nTEXTO é lido como o send o lê (escapes, aspas, a regra do id: veja help send),\nentão sendline \"2\" envia \"2\\n\"; sendline \"\" envia uma linha vazia.",
		},
		"help.sendline.flag.timeout": {EN: "give up if the bytes cannot go out within D", PT: "desiste se os bytes não puderem sair em até D"},
		"help.sendline.calls":        {EN: "send", PT: "send"},

		"help.recv.summary": {EN: "receive bytes, a line, up to a delimiter, or all", PT: "recebe bytes, uma linha, até um delimitador, ou tudo"},
		"help.recv.text": {
			EN: "Receives from a connection (or a UDP socket). Plain recv returns what one\nread from the kernel gives, at most MAX bytes (default 4096), as Python's\nsock.recv does: one chunk, however the peer's sends were cut (at most\n1 MiB, whatever MAX). --line waits for a whole line, --until for DELIM\n(escapes allowed), --all for everything until the peer closes; with\nthese, MAX is the most it gathers (default 1 MiB). MAX is from 1 to\n268435456 (256 MiB); memory follows what arrives, never MAX. Bytes after a\nline or delimiter stay for the next recv.\nThe bytes are shown as text with anything unprintable escaped, or as a hex\ndump with --hex. The peer closing its side is reported, not an error.\nA lone number that was ever a socket's id is that id (see help send):\nrecv 1 reads from [1], recv 1 2 reads 2 bytes from [1]. Ctrl-C stops the\nwait.",
			PT: "Recebe de uma conexão (ou de um socket UDP). O recv simples devolve o que uma\nleitura do kernel dá, no máximo MAX bytes (padrão 4096), como o sock.recv do\nPython: um pedaço, não importa como os envios do par foram cortados (no máximo\n1 MiB, qualquer que seja MAX). --line espera uma linha inteira, --until espera\nDELIM (escapes permitidos), --all tudo até o par fechar; com eles, MAX é o\nmáximo que se junta (padrão 1 MiB). MAX vai de 1 a 268435456 (256 MiB); a\nmemória acompanha o que chega, nunca MAX. Os bytes depois de uma linha ou\ndelimitador ficam para o próximo recv.\nOs bytes aparecem como texto, com o que não é imprimível escapado, ou como\ndump hexadecimal com --hex. O par fechar o lado dele é informado, não é erro.\nUm número sozinho que já foi id de um socket é esse id (veja help send):\nrecv 1 lê de [1], recv 1 2 lê 2 bytes de [1]. Ctrl-C interrompe a espera.",
		},
		"help.recv.flag.timeout": {EN: "give up after D (500ms, 2s) when nothing arrived", PT: "desiste depois de D (500ms, 2s) se nada chegou"},
		"help.recv.flag.line":    {EN: "wait for a line ending in \"\\n\"", PT: "espera uma linha terminada em \"\\n\""},
		"help.recv.flag.until":   {EN: "wait for DELIM", PT: "espera DELIM"},
		"help.recv.flag.all":     {EN: "read until the peer closes", PT: "lê até o par fechar"},
		"help.recv.flag.hex":     {EN: "show a hex dump", PT: "mostra um dump hexadecimal"},
		"help.recv.calls":        {EN: "recv (--line, --until, --all: recv until done)", PT: "recv (--line, --until, --all: recv até terminar)"},

		"help.interact.summary": {EN: "live mode: typed lines go out, data shows as it arrives", PT: "modo ao vivo: as linhas digitadas saem, os dados aparecem quando chegam"},
		"help.interact.text": {
			EN: "Connects the keyboard to the socket, as nc or pwntools' interactive do:\neach typed line goes out with \"\\n\" added (as typed: no escapes), and what\nthe peer sends is printed as it arrives (unprintable bytes escaped).\nCtrl-D or Ctrl-] (Ctrl-C too) leaves and returns to the shell's prompt;\nthe socket stays open. It also ends when the peer closes its side. With\npiped input (socklab < file), the end of the input does not leave at once:\nas with nc, what the peer still sends is shown until it closes (on UDP,\nwhich has no close, it leaves at once).",
			PT: "Liga o teclado ao socket, como o nc ou o interactive do pwntools: cada linha\ndigitada sai com \"\\n\" no fim (como digitada: sem escapes), e o que o par envia\naparece quando chega (bytes não imprimíveis escapados). Ctrl-D ou Ctrl-]\n(Ctrl-C também) sai e volta ao prompt do shell; o socket continua aberto.\nTambém termina quando o par fecha o lado dele. Com entrada por pipe\n(socklab < arquivo), o fim da entrada não sai na hora: como no nc, o que o par\nainda envia é mostrado até ele fechar (em UDP, que não tem fechamento, sai na\nhora).",
		},
		"help.interact.calls": {EN: "send and recv, as lines are typed and data arrives", PT: "send e recv, conforme as linhas são digitadas e os dados chegam"},

		"help.sendto.summary": {EN: "send one UDP datagram to an address", PT: "envia um datagrama UDP para um endereço"},
		"help.sendto.text": {
			EN: "Sends TEXT as one datagram from a UDP socket (made with listen udp) to\nHOST:PORT. TEXT is read as send reads it (escapes, quoting, see help send).\nUDP promises nothing: the datagram may be lost, and no error says so.",
			PT: "Envia TEXTO como um datagrama de um socket UDP (criado com listen udp) para\nHOST:PORTA. TEXTO é lido como o send o lê (escapes, aspas, veja help send).\nO UDP não promete nada: o datagrama pode se perder, e nenhum erro avisa.",
		},
		"help.sendto.flag.hex":  {EN: "send these bytes, given in hex", PT: "envia estes bytes, dados em hexadecimal"},
		"help.sendto.flag.file": {EN: "send the contents of this file", PT: "envia o conteúdo deste arquivo"},
		"help.sendto.calls":     {EN: "sendto", PT: "sendto"},

		"help.recvfrom.summary": {EN: "receive one UDP datagram and its sender", PT: "recebe um datagrama UDP e o seu remetente"},
		"help.recvfrom.text": {
			EN: "Waits for one datagram on a UDP socket and shows it with its sender's\naddress; a plain send then answers that sender. A datagram longer than\nMAX (default 4096, at most 268435456) is cut, as the kernel does, and the\nshell says how many of its bytes were dropped. Ctrl-C stops the wait.",
			PT: "Espera um datagrama num socket UDP e o mostra com o endereço do remetente;\num send simples depois responde a esse remetente. Um datagrama maior que MAX\n(padrão 4096, no máximo 268435456) é cortado, como o kernel faz, e o shell\ndiz quantos bytes dele foram descartados. Ctrl-C interrompe a espera.",
		},
		"help.recvfrom.flag.timeout": {EN: "give up after D", PT: "desiste depois de D"},
		"help.recvfrom.flag.hex":     {EN: "show a hex dump", PT: "mostra um dump hexadecimal"},
		"help.recvfrom.calls":        {EN: "recvfrom", PT: "recvfrom"},

		"help.sockets.summary": {EN: "list the open sockets", PT: "lista os sockets abertos"},
		"help.sockets.text": {
			EN: "Lists the open sockets: id (* marks the current one), protocol, kind, local\nand remote address, the kernel's TCP state (\"unknown\" where the system cannot\ntell; \"-\" for UDP and UNIX sockets, which have none), bytes received and sent,\nand age. For a listener it adds its accept queue: connections the kernel\nfinished, not yet accepted, out of the backlog.",
			PT: "Lista os sockets abertos: id (* marca o atual), protocolo, tipo, endereço\nlocal e remoto, o estado TCP do kernel (\"desconhecido\" quando o sistema não\ninforma; \"-\" para sockets UDP e UNIX, que não têm um), bytes recebidos e\nenviados, e idade. Para um listener acrescenta a fila de accept: conexões que\no kernel concluiu e ainda não foram aceitas, do total do backlog.",
		},
		"help.sockets.calls": {EN: "getsockopt(TCP_INFO) for the state", PT: "getsockopt(TCP_INFO) para o estado"},

		"help.use.summary": {EN: "make a socket the current one", PT: "torna um socket o atual"},
		"help.use.text":    {EN: "Makes socket ID the current socket: the one commands use when no id is given.\nThe prompt shows it.", PT: "Torna o socket ID o socket atual: o que os comandos usam quando nenhum id é\ndado. O prompt o mostra."},
		"help.use.calls":   {EN: "none", PT: "nenhuma"},

		"help.help.summary": {EN: "list the commands, or explain one", PT: "lista os comandos, ou explica um"},
		"help.help.text":    {EN: "Without an argument, lists the commands. With one, shows its usage, what\nit does, its options, examples, and the socket calls it makes.", PT: "Sem argumento, lista os comandos. Com um, mostra o uso, o que ele faz, as\nopções, exemplos e as chamadas de socket que ele faz."},
		"help.help.calls":   {EN: "none", PT: "nenhuma"},

		"help.quit.summary": {EN: "close every socket and leave", PT: "fecha todos os sockets e sai"},
		"help.quit.text":    {EN: "Closes every socket and leaves the shell. Ctrl-D at an empty prompt does the\nsame.", PT: "Fecha todos os sockets e sai do shell. Ctrl-D num prompt vazio faz o mesmo."},
		"help.quit.calls":   {EN: "close, for each socket", PT: "close, para cada socket"},

		"help.run.summary": {EN: "run a Lua script inside the shell", PT: "roda um script Lua dentro do shell"},
		"help.run.text": {
			EN: "Runs a Lua script (see the scripts/ folder) with ARGS in its global arg.\nIts sockets join this shell's table: they show in `sockets` and other\ncommands may use them. Ctrl-C stops a script running in the foreground and\ncloses its sockets. With a final & the script runs in the background and\nthe prompt comes back at once: start a server that way, then play the\nclient from the shell or with another script. A background script's\ninput() sees end of input.",
			PT: "Roda um script Lua (veja a pasta scripts/) com ARGS na variável global arg.\nOs sockets dele entram na tabela deste shell: aparecem em `sockets` e outros\ncomandos podem usá-los. Ctrl-C interrompe um script rodando em primeiro plano\ne fecha os sockets dele. Com um & no fim o script roda em segundo plano e o\nprompt volta na hora: inicie um servidor assim, e faça o papel do cliente pelo\nshell ou com outro script. O input() de um script em segundo plano vê fim da\nentrada.",
		},
		"help.run.calls": {EN: "whatever the script calls: listen, accept, connect, send, recv, close", PT: "as que o script chamar: listen, accept, connect, send, recv, close"},

		"help.lua.summary": {EN: "run a chunk of Lua with the script API", PT: "roda um trecho de Lua com a API dos scripts"},
		"help.lua.text": {
			EN: "Runs CODE as a Lua chunk with the same API as scripts (net, spawn, sleep,\nbytes, hex, ...), sharing this shell's socket table. Quote the code when it\nholds ; or quotes. With a final & outside the quotes it runs in the background,\nas run does; an & inside them is part of the code.",
			PT: "Roda CÓDIGO como um trecho Lua com a mesma API dos scripts (net, spawn, sleep,\nbytes, hex, ...), compartilhando a tabela de sockets deste shell. Ponha o código\nentre aspas quando ele tiver ; ou aspas. Com um & no fim, fora das aspas, roda\nem segundo plano, como o run; um & dentro delas faz parte do código.",
		},
		"help.lua.calls": {EN: "whatever the code calls", PT: "as que o código chamar"},

		"help.socket.summary": {EN: "create an unbound socket (step by step, as in C or Python)", PT: "cria um socket sem endereço (passo a passo, como em C ou Python)"},
		"help.socket.text": {
			EN: "Creates a socket and nothing more, as socket() does in C or\nsocket.socket() in Python: it has a descriptor but no address yet. Build it\nup with bind, listen ID and accept (a server) or connect ID HOST:PORT (a\nclient); after listen or connect it keeps its id and works with every other\ncommand. Each step shows what the kernel answered, errno included.\nOn Windows these are Winsock's own calls (WSASocket, bind, listen, connect).",
			PT: "Cria um socket e nada mais, como socket() em C ou socket.socket() em Python:\nele tem um descritor mas ainda não tem endereço. Monte-o com bind, listen ID e\naccept (um servidor) ou connect ID HOST:PORTA (um cliente); depois do listen\nou do connect ele mantém o id e funciona com todos os outros comandos. Cada\npasso mostra o que o kernel respondeu, errno incluído.\nNo Windows são as chamadas do próprio Winsock (WSASocket, bind, listen,\nconnect).",
		},
		"help.socket.calls": {EN: "socket(AF_INET, SOCK_STREAM or SOCK_DGRAM)", PT: "socket(AF_INET, SOCK_STREAM ou SOCK_DGRAM)"},

		"help.bind.summary": {EN: "give a step socket its address", PT: "dá um endereço a um socket criado em passos"},
		"help.bind.text": {
			EN: "Binds the socket to HOST:PORT (an empty HOST: every interface; port 0: the\nkernel picks one). A port can be bound by one socket at a time: a second\nbind fails with EADDRINUSE, also while an old connection on it is in\nTIME_WAIT, unless option reuseaddr is on. A UDP socket is ready once bound.",
			PT: "Faz bind do socket em HOST:PORTA (HOST vazio: todas as interfaces; porta 0: o\nkernel escolhe uma). Uma porta só pode ter bind de um socket por vez: um\nsegundo bind falha com EADDRINUSE, também enquanto uma conexão antiga nela\nestá em TIME_WAIT, a menos que a opção reuseaddr esteja ligada. Um socket UDP\nfica pronto depois do bind.",
		},
		"help.bind.calls": {EN: "bind", PT: "bind"},

		"help.explain.summary": {EN: "narrate every socket call and the state after it", PT: "narra cada chamada de socket e o estado depois dela"},
		"help.explain.text": {
			EN: "With explain on, every command shows the system calls it made, with their\narguments and results, what each means, and the kernel's TCP state after\nit (from TCP_INFO; on Windows from its TCP table). A failed call shows its\nerrno and what it means. Without an argument it says whether explain is on.",
			PT: "Com explain ligado, cada comando mostra as chamadas de sistema que fez, com\nargumentos e resultados, o que cada uma significa, e o estado TCP do kernel\ndepois dela (de TCP_INFO; no Windows, da sua tabela TCP). Uma chamada que\nfalhou mostra o errno e o que ele significa. Sem argumento, diz se o explain\nestá ligado.",
		},
		"help.explain.calls": {EN: "none itself; with it on, every other command shows the calls it makes", PT: "nenhuma; ligado, cada um dos outros comandos mostra as chamadas que faz"},

		"help.netstat.summary": {EN: "the kernel's sockets on this session's ports", PT: "os sockets do kernel nas portas desta sessão"},
		"help.netstat.text": {
			EN: "Lists the kernel's own sockets on PORT, or on every port this session has\nused, including those no descriptor holds: TIME_WAIT after an active close,\nSYN_RECV, and finished handshakes waiting in a listener's accept queue.\nOWNER says which socket of this shell holds each one. For a listener\nRECV-Q is its accept queue and SEND-Q its backlog (Linux). Linux's table is\n/proc/net; Windows' comes from GetExtendedTcpTable and GetExtendedUdpTable.\nnetstat -a (or -an, as netstat takes it) lists every TCP and UDP socket of\nthe machine, with the program and PID that hold it where the system says\n(Linux: the processes this user may look into; all of them as root).",
			PT: "Lista os sockets do próprio kernel na PORTA, ou em todas as portas que esta\nsessão usou, inclusive os que nenhum descritor segura: TIME_WAIT depois de um\nfechamento ativo, SYN_RECV, e handshakes concluídos esperando na fila de\naccept de um listener. DONO diz qual socket deste shell segura cada um. Para\num listener, RECV-Q é a fila de accept e SEND-Q o backlog (Linux). A tabela do\nLinux é o /proc/net; a do Windows vem de GetExtendedTcpTable e\nGetExtendedUdpTable. netstat -a (ou -an, como o netstat aceita) lista todos os\nsockets TCP e UDP da máquina, com o programa e o PID que seguram cada um onde\no sistema informa (Linux: os processos que este usuário pode ver; todos, como\nroot).",
		},
		"help.netstat.calls": {EN: "none (reads /proc/net/tcp, tcp6, udp, udp6; on Windows GetExtendedTcpTable, GetExtendedUdpTable)", PT: "nenhuma (lê /proc/net/tcp, tcp6, udp, udp6; no Windows GetExtendedTcpTable, GetExtendedUdpTable)"},

		"help.option.summary": {EN: "show or set a socket option", PT: "mostra ou muda uma opção de socket"},
		"help.option.text": {
			EN: "Shows all the socket options below, shows one, or sets one and shows what\nthe kernel then reports. reuseaddr, reuseport, nodelay, keepalive: on|off.\nlinger: off, or seconds; linger 0 makes close send RST instead of FIN (no\nTIME_WAIT). rcvbuf, sndbuf: bytes (Linux reports double what was set).\nOn Windows reuseaddr lets a socket take a port that is in use, even a live\nserver's; exclusiveaddruse (SO_EXCLUSIVEADDRUSE) on keeps every other socket\noff this one's port; reuseport does not exist there.",
			PT: "Mostra todas as opções de socket abaixo, mostra uma, ou muda uma e mostra o\nque o kernel passa a informar. reuseaddr, reuseport, nodelay, keepalive:\non|off. linger: off, ou segundos; linger 0 faz o close enviar RST em vez de FIN\n(sem TIME_WAIT). rcvbuf, sndbuf: bytes (o Linux informa o dobro do que foi\ndefinido). No Windows, reuseaddr deixa um socket tomar uma porta em uso, até a\nde um servidor ativo; exclusiveaddruse (SO_EXCLUSIVEADDRUSE) on impede qualquer\noutro socket de usar a porta deste; reuseport não existe lá.",
		},
		"help.option.calls": {EN: "getsockopt, setsockopt", PT: "getsockopt, setsockopt"},

		"help.record.summary": {EN: "write the session as a Markdown lab report", PT: "grava a sessão como um relatório de laboratório em Markdown"},
		"help.record.text": {
			EN: "Writes every command from now on, with its output, to FILE.md as a lab\nreport: one section per command, the output in a code block. record off\nstops and closes the file.",
			PT: "Grava cada comando daqui em diante, com a saída dele, em ARQUIVO.md como um\nrelatório de laboratório: uma seção por comando, a saída num bloco de código.\nrecord off para e fecha o arquivo.",
		},
		"help.record.calls": {EN: "none (writes FILE.md)", PT: "nenhuma (grava ARQUIVO.md)"},
	})
}
