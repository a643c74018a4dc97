package words

// Messages of netcat mode (socklab nc). Its -v lines keep netcat-openbsd's
// exact English wording, which scripts read: they are a format, not prose,
// and are not here.
func init() {
	add(map[string]Text{
		"nc.unsupported": {
			EN: "-%c is not supported (%s)",
			PT: "-%c não é suportada (%s)",
		},
		"nc.no_b":    {EN: "broadcast is not offered", PT: "broadcast não é oferecido"},
		"nc.no_exec": {EN: "socklab runs no programs", PT: "o socklab não executa programas"},
		"nc.no_D":    {EN: "SO_DEBUG is not offered", PT: "SO_DEBUG não é oferecido"},
		"nc.no_F":    {EN: "fd passing is not offered", PT: "a passagem de descritores não é oferecida"},
		"nc.no_I": {
			EN: "set buffer sizes with `option ID rcvbuf N` in the shell",
			PT: "ajuste o tamanho dos buffers com `option ID rcvbuf N` no shell",
		},
		"nc.no_O": {
			EN: "set buffer sizes with `option ID sndbuf N` in the shell",
			PT: "ajuste o tamanho dos buffers com `option ID sndbuf N` no shell",
		},
		"nc.no_i": {
			EN: "netcat-openbsd's -i is a delay between lines or ports and ncat's -i an idle timeout: socklab has neither; -w SECS quits when no data moved for SECS",
			PT: "o -i do netcat-openbsd é um intervalo entre linhas ou portas e o -i do ncat um tempo limite de inatividade: o socklab não tem nenhum dos dois; -w SEGS encerra quando nenhum dado passou por SEGS",
		},
		"nc.no_m": {
			EN: "netcat-openbsd's -m is a minimum TTL and ncat's -m a maximum number of connections: socklab has neither",
			PT: "o -m do netcat-openbsd é um TTL mínimo e o -m do ncat um número máximo de conexões: o socklab não tem nenhum dos dois",
		},
		"nc.no_x": {
			EN: "netcat-openbsd's -x is a proxy address and ncat's -x a hex dump file: socklab has neither; the shell's relay --hex shows traffic in hex",
			PT: "o -x do netcat-openbsd é o endereço de um proxy e o -x do ncat um arquivo de dump em hexadecimal: o socklab não tem nenhum dos dois; o relay --hex do shell mostra o tráfego em hexadecimal",
		},
		"nc.no_M":     {EN: "TTL is not offered", PT: "TTL não é oferecido"},
		"nc.no_proxy": {EN: "no proxy support", PT: "não há suporte a proxy"},
		"nc.no_r":     {EN: "ports are scanned in order", PT: "as portas são varridas em ordem"},
		"nc.no_S":     {EN: "TCP MD5 signatures are not offered", PT: "assinaturas MD5 do TCP não são oferecidas"},
		"nc.no_T":     {EN: "TOS is not offered", PT: "TOS não é oferecido"},
		"nc.no_t":     {EN: "no TELNET negotiation", PT: "não há negociação TELNET"},
		"nc.no_V":     {EN: "routing tables are not offered", PT: "tabelas de roteamento não são oferecidas"},
		"nc.no_W":     {EN: "no packet limit", PT: "não há limite de pacotes"},
		"nc.no_Z":     {EN: "DCCP is not offered", PT: "DCCP não é oferecido"},
		"nc.unknown_short": {
			EN: "unknown option -%c",
			PT: "opção desconhecida -%c",
		},
		"nc.unknown_long": {
			EN: "unknown option %s",
			PT: "opção desconhecida %s",
		},
		"nc.needs_value": {
			EN: "option -%c needs a value",
			PT: "a opção -%c precisa de um valor",
		},
		"nc.long_needs_value": {
			EN: "option %s needs a value",
			PT: "a opção %s precisa de um valor",
		},
		"nc.long_no_value": {
			EN: "option %s takes no value",
			PT: "a opção %s não recebe valor",
		},
		"nc.numeric_name": {
			EN: "-n allows numeric addresses only, and %q is a name: give its IP address, or drop -n",
			PT: "-n aceita só endereços numéricos, e %q é um nome: dê o endereço IP, ou tire o -n",
		},
		"nc.tls_udp": {
			EN: "--ssl works over TCP, not UDP (-u)",
			PT: "--ssl funciona sobre TCP, não sobre UDP (-u)",
		},
		"nc.tls_scan": {
			EN: "--ssl cannot be used with -z",
			PT: "--ssl não pode ser usado com -z",
		},
		"nc.tls_pair": {
			EN: "--ssl-cert and --ssl-key go together: give both",
			PT: "--ssl-cert e --ssl-key andam juntas: dê as duas",
		},
		"nc.negative": {
			EN: "must not be negative",
			PT: "não pode ser negativo",
		},
		"nc.bad_value": {
			EN: "bad -%c value %q: %v",
			PT: "valor inválido para -%c, %q: %v",
		},
		"nc.out_of_range": {
			EN: "out of range",
			PT: "fora do intervalo",
		},
		"nc.want_seconds": {
			EN: "want seconds or a duration like 500ms",
			PT: "esperava segundos ou uma duração como 500ms",
		},
		"nc.empty_port": {
			EN: "empty port",
			PT: "porta vazia",
		},
		"nc.port_range": {
			EN: "port out of range",
			PT: "porta fora do intervalo",
		},
		"nc.not_port": {
			EN: "not a port number or service name",
			PT: "não é um número de porta nem um nome de serviço",
		},
		"nc.k_needs_l": {
			EN: "-k needs -l",
			PT: "-k precisa de -l",
		},
		"nc.l_and_z": {
			EN: "-l and -z cannot be used together",
			PT: "-l e -z não podem ser usados juntos",
		},
		"nc.listen_forms": {
			EN: "listen mode takes PORT, HOST PORT, or -p PORT [-s ADDR], as nc",
			PT: "o modo de escuta recebe PORTA, HOST PORTA, ou -p PORTA [-s ENDEREÇO], como o nc",
		},
		"nc.missing_host_port": {
			EN: "missing HOST and PORT",
			PT: "faltam HOST e PORTA",
		},
		"nc.several_ports": {
			EN: "several ports need -z",
			PT: "várias portas exigem -z",
		},
		"nc.bad_port": {
			EN: "bad port %q: %v",
			PT: "porta inválida %q: %v",
		},
		"nc.port_zero": {
			EN: "port %s: cannot connect to port 0, as nc (0 only means \"any free port\" when listening)",
			PT: "porta %s: não é possível conectar à porta 0, como no nc (0 só significa \"qualquer porta livre\" ao escutar)",
		},
		"nc.range_needs_z": {
			EN: "port ranges need -z",
			PT: "intervalos de portas exigem -z",
		},
		"nc.range_bad": {
			EN: "want lo-hi within 0-65535",
			PT: "esperava início-fim dentro de 0-65535",
		},
		"nc.unknown_service": {
			EN: "unknown service name",
			PT: "nome de serviço desconhecido",
		},
		"nc.unix_path": {
			EN: "-U takes one operand, the socket file's path",
			PT: "-U recebe um operando, o caminho do arquivo do socket",
		},
		"nc.unix_udp": {
			EN: "-U works with stream sockets only, not -u",
			PT: "-U funciona só com sockets de fluxo (stream), não com -u",
		},
		"nc.unix_scan": {
			EN: "-U cannot be used with -z",
			PT: "-U não pode ser usado com -z",
		},
		"nc.unix_source": {
			EN: "-U takes no -s or -p",
			PT: "-U não aceita -s nem -p",
		},
		"nc.timed_out": {
			EN: "timed out",
			PT: "tempo esgotado",
		},
		"nc.connect_failed": {
			EN: "connect to %s port %s (%s) failed: %v",
			PT: "a conexão a %s porta %s (%s) falhou: %v",
		},
		"nc.unix_failed": {
			EN: "connect to %s failed: %v",
			PT: "a conexão a %s falhou: %v",
		},
		"nc.listen_failed": {
			EN: "listen on %s port %s (%s) failed: %v",
			PT: "a escuta em %s porta %s (%s) falhou: %v",
		},
		"nc.unix_listen_failed": {
			EN: "listen on %s failed: %v",
			PT: "a escuta em %s falhou: %v",
		},
		"nc.stdin_failed": {
			EN: "reading stdin failed: %v",
			PT: "a leitura da entrada padrão falhou: %v",
		},
		"nc.stdout_failed": {
			EN: "writing stdout failed: %v",
			PT: "a escrita na saída padrão falhou: %v",
		},
		"nc.conn_failed": {
			EN: "the connection failed: %v",
			PT: "a conexão falhou: %v",
		},
		"nc.tls_failed": {
			EN: "TLS handshake with %s failed: %v",
			PT: "o handshake TLS com %s falhou: %v",
		},
		"nc.tls_files": {
			EN: "TLS certificate: %v",
			PT: "certificado TLS: %v",
		},
		"nc.tls_selfsigned": {
			EN: "TLS: no --ssl-cert given, using a self-signed certificate made for this run (SHA-256 fingerprint %s)",
			PT: "TLS: sem --ssl-cert, usando um certificado autoassinado feito para esta execução (impressão digital SHA-256 %s)",
		},
		"nc.tls_session": {
			EN: "%s, %s, peer %s",
			PT: "%s, %s, par %s",
		},
	})
}
