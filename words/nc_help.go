package words

// socklab nc's usage line (nc's synopsis, its placeholders in the language)
// and its help (nc -h), which starts with it.
func init() {
	add(map[string]Text{
		"nc.usage": {
			EN: "usage: socklab nc [-46CdhklNnUuvz] [-p port] [-q secs] [-s addr] [-w secs] [--ssl ...] [host] port[s] | -U path",
			PT: "uso: socklab nc [-46CdhklNnUuvz] [-p porta] [-q segs] [-s endereço] [-w segs] [--ssl ...] [host] porta[s] | -U caminho",
		},
		"nc.help": {
			EN: "%s" + `

Netcat mode: stdin goes to the socket, the socket goes to stdout, byte for
byte. Flags have netcat-openbsd's meaning and may be combined (-lvk, -w3).

	-4 / -6     IPv4 / IPv6 only
	-C          send CRLF as line ending (a LF read from stdin becomes CRLF;
	            an existing CRLF stays as it is)
	-d          do not read stdin (as if stdin were empty)
	-h          this help
	-k          with -l: after a client leaves, accept the next one; clients
	            are served one at a time, in turn, like nc
	-l          listen: -l PORT, -l HOST PORT or -l -p PORT [-s ADDR]; no
	            host means 0.0.0.0 (IPv4), or :: with -6, which also
	            accepts IPv4 clients, as nc
	-N          at stdin EOF, shutdown(SHUT_WR): the peer reads EOF (FIN)
	-n          numeric addresses only, no DNS look-up
	-p PORT     source port when connecting (listen port with -l)
	-q SECS     at stdin EOF send FIN (as -N) and keep receiving until the
	            peer closes, as nc; over UDP quit SECS after stdin's EOF
	            (negative: never, the default)
	-s ADDR     source address (listen address with -l)
	-U          UNIX domain stream socket: -U PATH, -lU PATH (the listener
	            removes the socket file it made when it ends)
	-u          UDP: each stdin read is one datagram; -u -l answers the
	            sender of the first datagram (with -k: the latest sender)
	-v          verbose, on stderr only
	-w SECS     connect timeout, and quit when no data moved for SECS
	            (seconds, or a duration such as 500ms; 0: none)
	-z          scan: connect only, to ports and ranges (22 80-90); exit 0
	            when one is open

TLS (ncat's spelling, client and -l):
	--ssl                 TLS over the TCP connection; a client does not
	                      check the server's certificate unless --ssl-verify
	--ssl-verify          check the chain and the name (system CAs, or
	                      --ssl-trustfile FILE)
	--ssl-servername NAME the name sent (SNI) and checked
	--ssl-cert FILE --ssl-key FILE   PEM certificate and key (with -l: without
	                      them a self-signed one is made and its SHA-256
	                      fingerprint shown)

End of input (as netcat-openbsd):
	stdin EOF           nothing is sent; keep receiving until the peer
	                    closes (-N or -q to send a FIN)
	peer closes         client: keep sending stdin until its EOF, then exit;
	                    listener (-l): exit at once (-k: next client)
	both closed         exit 0; all received data is written first

Exit status: 0 ok, 1 failure (refused, timeout, scan found nothing),
2 bad usage or unsupported flag (-e -c -x -X -T -b ... are refused),
130 stopped by Ctrl-C or SIGTERM.
`,
			PT: "%s" + `

Modo netcat: a entrada padrão vai para o socket, e o socket vai para a saída
padrão, byte a byte. As flags têm o sentido do netcat-openbsd e podem ser
combinadas (-lvk, -w3).

	-4 / -6     só IPv4 / só IPv6
	-C          envia CRLF como fim de linha (um LF lido da entrada vira CRLF;
	            um CRLF que já existe fica como está)
	-d          não lê a entrada padrão (como se ela estivesse vazia)
	-h          esta ajuda
	-k          com -l: quando um cliente sai, aceita o próximo; os clientes
	            são atendidos um de cada vez, em ordem, como no nc
	-l          escuta: -l PORTA, -l HOST PORTA ou -l -p PORTA [-s ENDEREÇO];
	            sem host, escuta em 0.0.0.0 (IPv4), ou em :: com -6, que também
	            aceita clientes IPv4, como o nc
	-N          no EOF da entrada, shutdown(SHUT_WR): o par lê EOF (FIN)
	-n          só endereços numéricos, sem consulta DNS
	-p PORTA    porta de origem ao conectar (porta de escuta com -l)
	-q SEGS     no EOF da entrada envia FIN (como -N) e continua recebendo até
	            o par fechar, como o nc; em UDP sai SEGS segundos depois do EOF
	            da entrada (negativo: nunca, o padrão)
	-s ENDEREÇO endereço de origem (endereço de escuta com -l)
	-U          socket UNIX de fluxo: -U CAMINHO, -lU CAMINHO (quem escuta
	            apaga o arquivo de socket que criou ao terminar)
	-u          UDP: cada leitura da entrada é um datagrama; -u -l responde a
	            quem enviou o primeiro datagrama (com -k: ao último remetente)
	-v          modo detalhado, só na saída de erro
	-w SEGS     timeout do connect, e sai quando nenhum dado passar por SEGS
	            (segundos, ou uma duração como 500ms; 0: nenhum)
	-z          varredura: só conecta, em portas e faixas (22 80-90); sai com 0
	            quando alguma estiver aberta

TLS (com os nomes do ncat, no cliente e com -l):
	--ssl                 TLS sobre a conexão TCP; o cliente não confere o
	                      certificado do servidor, a não ser com --ssl-verify
	--ssl-verify          confere a cadeia e o nome (CAs do sistema, ou
	                      --ssl-trustfile ARQUIVO)
	--ssl-servername NOME o nome enviado (SNI) e conferido
	--ssl-cert ARQUIVO --ssl-key ARQUIVO   certificado e chave PEM (com -l: sem
	                      eles, é criado um autoassinado e mostrada a sua
	                      impressão digital SHA-256)

Fim da entrada (como no netcat-openbsd):
	EOF da entrada      nada é enviado; continua recebendo até o par fechar
	                    (-N ou -q para enviar um FIN)
	o par fecha         cliente: continua enviando a entrada até o EOF dela e
	                    sai; quem escuta (-l): sai na hora (-k: próximo cliente)
	os dois fecharam    sai com 0; todos os dados recebidos são escritos antes

Código de saída: 0 ok, 1 falha (recusado, timeout, a varredura não achou nada),
2 uso errado ou flag sem suporte (-e -c -x -X -T -b ... são recusadas),
130 interrompido por Ctrl-C ou SIGTERM.
`,
		},
	})
}
