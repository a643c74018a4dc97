package words

// What the shell says of a UNIX domain socket's options, and suggests when
// its connect or bind fails.
func init() {
	add(map[string]Text{
		"unix.unnamed": {EN: "(unnamed)", PT: "(sem nome)"},
		"call.unix.socket": {
			EN: "a UNIX domain endpoint: a socket on this machine, named by a file path",
			PT: "uma ponta de domínio UNIX: um socket desta máquina, nomeado por um caminho de arquivo",
		},
		"call.unix.bind": {
			EN: "the socket file is created: the path is now ours",
			PT: "o arquivo de socket é criado: o caminho agora é nosso",
		},
		"call.unix.bind_in_use": {
			EN: "a file is already at this path (the hint below says what it is)",
			PT: "já existe um arquivo neste caminho (a dica abaixo diz o que ele é)",
		},
		"call.unix.listen": {
			EN: "the kernel now queues connections to this path",
			PT: "o kernel agora enfileira as conexões a este caminho",
		},
		"call.unix.connect": {
			EN: "connected through the kernel: no packets, no handshake",
			PT: "conectado pelo kernel: sem pacotes, sem handshake",
		},
		"call.unix.accept": {
			EN: "took a connection from the queue: a new socket for this client",
			PT: "tirou uma conexão da fila: um socket novo para este cliente",
		},
		"call.unix.recv_eof": {
			EN: "the peer shut down or closed its side: it will send nothing more",
			PT: "o par encerrou ou fechou o seu lado: não vai enviar mais nada",
		},
		"call.unix.shut_rdwr": {
			EN: "we will send nothing more and what arrives is thrown away: the peer reads end of stream",
			PT: "não enviaremos mais nada e o que chegar é descartado: o par lê fim do fluxo",
		},
		"call.unix.shut_wr": {
			EN: "we will send nothing more: the peer reads end of stream (no FIN on a UNIX socket)",
			PT: "não enviaremos mais nada: o par lê fim do fluxo (não há FIN num socket UNIX)",
		},
		"unix.shut_write": {
			EN: "shut down for writing: the peer reads end of stream (a UNIX socket has no FIN: the kernel tells the peer directly)",
			PT: "escrita encerrada: o par lê fim do fluxo (um socket UNIX não tem FIN: o kernel avisa o par diretamente)",
		},
		"unix.shut_both": {
			EN: "shut down both ways: the peer reads end of stream",
			PT: "encerrado nos dois sentidos: o par lê fim do fluxo",
		},
		"unix.eof": {
			EN: "the peer finished sending (shutdown or close): end of stream",
			PT: "o par terminou de enviar (shutdown ou close): fim do fluxo",
		},
		"unix.notice_eof": {
			EN: "the peer finished sending (shutdown or close): recv returns end of stream",
			PT: "o par terminou de enviar (shutdown ou close): recv devolve fim do fluxo",
		},
		"sock.unix_flag": {
			EN: "%s does not go with unix PATH: a UNIX socket takes no options here but connect's --timeout",
			PT: "%s não acompanha unix CAMINHO: um socket UNIX não aceita opções aqui, exceto o --timeout do connect",
		},
		"hint.unix_refused": {
			EN: "no server accepts on %[1]s: the file is a socket a server that ended left behind; start one with: listen unix %[1]s",
			PT: "nenhum servidor aceita conexões em %[1]s: o arquivo é um socket que um servidor encerrado deixou; inicie um com: listen unix %[1]s",
		},
		"hint.unix_connect_dir": {
			EN: "%s is a directory, not a socket: give the path of the server's socket file",
			PT: "%s é um diretório, não um socket: dê o caminho do arquivo de socket do servidor",
		},
		"hint.unix_connect_file": {
			EN: "%s is a regular file, not a socket: give the path of the server's socket file",
			PT: "%s é um arquivo comum, não um socket: dê o caminho do arquivo de socket do servidor",
		},
		"hint.unix_missing": {
			EN: "this system has no UNIX domain sockets (Windows has them from Windows 10 version 1803); use TCP on 127.0.0.1",
			PT: "este sistema não tem sockets de domínio UNIX (o Windows os tem a partir do Windows 10 versão 1803); use TCP em 127.0.0.1",
		},
		"hint.unix_access": {
			EN: "a UNIX socket is a file: its permissions and those of %[2]s decide who may make it (listen: write permission on the directory) or connect to it (write permission on the socket)",
			PT: "um socket UNIX é um arquivo: as permissões dele e as de %[2]s decidem quem pode criá-lo (listen: permissão de escrita no diretório) ou conectar-se a ele (permissão de escrita no socket)",
		},
	})
}
