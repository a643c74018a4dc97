package words

// What the shell says of a UNIX domain socket's options, and suggests when
// its connect or bind fails.
func init() {
	add(map[string]Text{
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
		"hint.unix_access": {
			EN: "a UNIX socket is a file: its permissions and those of %[2]s decide who may make it (listen: write permission on the directory) or connect to it (write permission on the socket)",
			PT: "um socket UNIX é um arquivo: as permissões dele e as de %[2]s decidem quem pode criá-lo (listen: permissão de escrita no diretório) ou conectar-se a ele (permissão de escrita no socket)",
		},
	})
}
