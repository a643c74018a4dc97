package words

// The system's error texts and what each errno means, keyed by the errno's
// POSIX name (netops.Errno): "errtext.NAME" is the text of the error as the
// C library prints it (in Portuguese as a Brazilian system says it),
// "errno.NAME" what it means in general, "errno.CALL.NAME" what it means
// for one call.
func init() {
	add(map[string]Text{
		"errtext.EADDRINUSE":    {EN: "address already in use", PT: "endereço já em uso"},
		"errtext.EADDRNOTAVAIL": {EN: "cannot assign requested address", PT: "não foi possível atribuir o endereço requisitado"},
		"errtext.ECONNREFUSED":  {EN: "connection refused", PT: "conexão recusada"},
		"errtext.ECONNRESET":    {EN: "connection reset by peer", PT: "conexão derrubada pelo par"},
		"errtext.ECONNABORTED":  {EN: "software caused connection abort", PT: "conexão abortada por software"},
		"errtext.EISCONN":       {EN: "transport endpoint is already connected", PT: "o socket já está conectado"},
		"errtext.ENOTCONN":      {EN: "transport endpoint is not connected", PT: "o socket não está conectado"},
		"errtext.EINVAL":        {EN: "invalid argument", PT: "argumento inválido"},
		"errtext.EPIPE":         {EN: "broken pipe", PT: "pipe quebrado"},
		"errtext.ETIMEDOUT":     {EN: "connection timed out", PT: "tempo esgotado para a conexão"},
		"errtext.EHOSTUNREACH":  {EN: "no route to host", PT: "nenhuma rota para o host"},
		"errtext.ENETUNREACH":   {EN: "network is unreachable", PT: "a rede está inacessível"},
		"errtext.EACCES":        {EN: "permission denied", PT: "permissão negada"},
		"errtext.EAFNOSUPPORT":  {EN: "address family not supported by protocol", PT: "família de endereços não suportada pelo protocolo"},
		"errtext.EOPNOTSUPP":    {EN: "operation not supported", PT: "operação não suportada"},
		"errtext.EALREADY":      {EN: "operation already in progress", PT: "operação já em andamento"},
		"errtext.EINPROGRESS":   {EN: "operation now in progress", PT: "operação em andamento"},
		"errtext.EBADF":         {EN: "bad file descriptor", PT: "descritor de arquivo inválido"},
		"errtext.EMFILE":        {EN: "too many open files", PT: "arquivos abertos demais"},
		"errtext.EDESTADDRREQ":  {EN: "destination address required", PT: "endereço de destino requerido"},
		"errtext.ENOENT":        {EN: "no such file or directory", PT: "arquivo ou diretório inexistente"},
		"errtext.EPERM":         {EN: "operation not permitted", PT: "operação não permitida"},
		"errtext.EISDIR":        {EN: "is a directory", PT: "é um diretório"},
		"errtext.ENOTDIR":       {EN: "not a directory", PT: "não é um diretório"},
		"errtext.ENOSPC":        {EN: "no space left on device", PT: "não há espaço disponível no dispositivo"},
		"errtext.EROFS":         {EN: "read-only file system", PT: "sistema de arquivos somente para leitura"},
		"errtext.EEXIST":        {EN: "file exists", PT: "o arquivo já existe"},
		"errtext.ENOEXEC":       {EN: "exec format error", PT: "formato de executável inválido"},
		"errtext.ETXTBSY":       {EN: "text file busy", PT: "arquivo de texto ocupado"},
		"errtext.ENAMETOOLONG":  {EN: "file name too long", PT: "nome de arquivo muito longo"},
		"errtext.ELOOP":         {EN: "too many levels of symbolic links", PT: "muitos níveis de links simbólicos"},

		"errno.EADDRINUSE": {
			EN: "another socket already holds this address and port (a server, or a connection in TIME_WAIT without SO_REUSEADDR)",
			PT: "outro socket já ocupa este endereço e porta (um servidor, ou uma conexão em TIME_WAIT sem SO_REUSEADDR)",
		},
		"errno.EADDRNOTAVAIL": {
			EN: "that address is not one of this machine's: bind to 0.0.0.0, 127.0.0.1 or an address the host has",
			PT: "esse endereço não é desta máquina: faça bind em 0.0.0.0, 127.0.0.1 ou num endereço que o host tenha",
		},
		"errno.ECONNREFUSED": {
			EN: "the host answered with RST: nothing listens on that port",
			PT: "o host respondeu com RST: ninguém escuta nessa porta",
		},
		"errno.ECONNRESET": {
			EN: "the peer reset the connection (RST): it closed with unread data or with linger 0, or its program ended",
			PT: "o par derrubou a conexão com RST: fechou com dados não lidos ou com linger 0, ou o programa dele terminou",
		},
		"errno.ECONNABORTED": {
			EN: "the connection was aborted before it could be used",
			PT: "a conexão foi abortada antes de poder ser usada",
		},
		"errno.EISCONN": {
			EN: "the socket is already connected (or listening): a TCP socket connects once",
			PT: "o socket já está conectado (ou escutando): um socket TCP conecta uma vez só",
		},
		"errno.ENOTCONN": {
			EN: "the socket is not connected: connect it first, or accept a connection and use that one",
			PT: "o socket não está conectado: conecte-o antes, ou aceite uma conexão e use essa",
		},
		"errno.EINVAL": {
			EN: "the call does not fit the socket's present state",
			PT: "a chamada não combina com o estado atual do socket",
		},
		"errno.EPIPE": {
			EN: "nothing to send to: the socket is not connected, or this side already shut down writing",
			PT: "não há para quem enviar: o socket não está conectado, ou este lado já encerrou a escrita",
		},
		"errno.ETIMEDOUT": {
			EN: "no answer: the SYN (or data) went unanswered until the kernel gave up",
			PT: "sem resposta: o SYN (ou os dados) ficou sem resposta até o kernel desistir",
		},
		"errno.EHOSTUNREACH": {
			EN: "the host cannot be reached: it is down or not on this network (no answer to ARP), or a router says so: check the address",
			PT: "o host não pode ser alcançado: está desligado ou fora desta rede (sem resposta ao ARP), ou um roteador avisou isso: confira o endereço",
		},
		"errno.ENETUNREACH": {
			EN: "no route to that network: check the address and the interface",
			PT: "não há rota para essa rede: confira o endereço e a interface",
		},
		"errno.EACCES": {
			EN: "permission denied: ports below 1024 need root (or CAP_NET_BIND_SERVICE)",
			PT: "permissão negada: portas abaixo de 1024 exigem root (ou CAP_NET_BIND_SERVICE)",
		},
		"errno.EAFNOSUPPORT": {
			EN: "the address is of the other family: an IPv4 socket cannot use an IPv6 address (use tcp6/udp6)",
			PT: "o endereço é da outra família: um socket IPv4 não usa um endereço IPv6 (use tcp6/udp6)",
		},
		"errno.EOPNOTSUPP": {
			EN: "this kind of socket does not do that (UDP has no listen or accept)",
			PT: "este tipo de socket não faz isso (UDP não tem listen nem accept)",
		},
		"errno.EALREADY": {EN: "a connect is already under way on this socket", PT: "já há um connect em andamento neste socket"},
		"errno.EINPROGRESS": {
			EN: "the handshake has started and has not finished yet (SYN_SENT)",
			PT: "o three-way handshake começou e ainda não terminou (SYN_SENT)",
		},
		"errno.EBADF":  {EN: "the descriptor is not open", PT: "o descritor não está aberto"},
		"errno.EMFILE": {EN: "this process has too many descriptors open (ulimit -n)", PT: "este processo tem descritores abertos demais (ulimit -n)"},
		"errno.EDESTADDRREQ": {
			EN: "no destination: connect the socket or use sendto",
			PT: "sem destino: conecte o socket ou use sendto",
		},

		"errno.bind.EINVAL": {
			EN: "the socket already has an address: bind works once, before listen or connect",
			PT: "o socket já tem endereço: bind funciona uma vez, antes de listen ou connect",
		},
		"errno.listen.EINVAL": {
			EN: "only a socket that is not connected can listen",
			PT: "só um socket não conectado pode escutar (listen)",
		},
		"errno.accept.EINVAL": {
			EN: "the socket is not listening: call listen first",
			PT: "o socket não está escutando: chame listen antes",
		},
		"errno.connect.EISCONN": {
			EN: "the socket is already connected, or is a listener: make a new socket for each connection",
			PT: "o socket já está conectado, ou é um listener: crie um socket novo para cada conexão",
		},
		"errno.connect.EINVAL": {
			EN: "this socket cannot connect to that address",
			PT: "este socket não pode se conectar a esse endereço",
		},
		"errno.recv.ENOTCONN": {
			EN: "nothing to receive from: the socket is not connected (a listener hands out connections with accept)",
			PT: "não há de quem receber: o socket não está conectado (um listener entrega conexões com accept)",
		},
		"errno.send.EPIPE": {
			EN: "nothing to send to: the socket is not connected, or this side already sent FIN",
			PT: "não há para quem enviar: o socket não está conectado, ou este lado já enviou FIN",
		},
		"errno.shutdown.ENOTCONN": {
			EN: "there is no connection to shut down",
			PT: "não há conexão para encerrar",
		},
		"errno.listen.EOPNOTSUPP": {
			EN: "UDP has no connections, so nothing to listen for: bind it and use recvfrom",
			PT: "UDP não tem conexões, então não há o que escutar: faça bind e use recvfrom",
		},
		"errno.accept.EOPNOTSUPP": {
			EN: "UDP has no connections to accept: use recvfrom",
			PT: "UDP não tem conexões para aceitar: use recvfrom",
		},
		"errno.bind.EADDRINUSE": {
			EN: "another socket already holds this address and port: a server, or a connection still in TIME_WAIT (set option reuseaddr before bind)",
			PT: "outro socket já ocupa este endereço e porta: um servidor, ou uma conexão ainda em TIME_WAIT (ligue a opção reuseaddr antes do bind)",
		},
	})
}
