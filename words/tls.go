package words

// TLS in the shell: connect --tls, listen --tls, and what explain says of a
// handshake.
func init() {
	add(map[string]Text{
		"input.tls_unread": {
			EN: "bytes already received are waiting to be read: read them (recv) before starting TLS, or they would be lost to the handshake",
			PT: "há bytes já recebidos esperando leitura: leia-os (recv) antes de iniciar o TLS, senão se perderiam no handshake",
		},
		"help.connect.flag.tls": {
			EN: "speak TLS over the connection, checking the server's certificate",
			PT: "fala TLS sobre a conexão, verificando o certificado do servidor",
		},
		"help.connect.flag.insecure": {
			EN: "with --tls: accept any certificate (still says why it would fail)",
			PT: "com --tls: aceita qualquer certificado (e ainda diz por que falharia)",
		},
		"help.connect.flag.servername": {
			EN: "with --tls: the name sent (SNI) and checked, instead of HOST",
			PT: "com --tls: o nome enviado (SNI) e verificado, em vez de HOST",
		},
		"help.connect.flag.ca": {
			EN: "with --tls: trust the CAs in this PEM file instead of the system's",
			PT: "com --tls: confia nas CAs deste arquivo PEM em vez das do sistema",
		},
		"help.listen.flag.tls": {
			EN: "speak TLS with each client accepted (a self-signed certificate for the session unless --cert and --key)",
			PT: "fala TLS com cada cliente aceito (um certificado autoassinado para a sessão, a menos que haja --cert e --key)",
		},
		"help.listen.flag.cert": {
			EN: "with --tls: the server's certificate (PEM)",
			PT: "com --tls: o certificado do servidor (PEM)",
		},
		"help.listen.flag.key": {
			EN: "with --tls: the certificate's private key (PEM)",
			PT: "com --tls: a chave privada do certificado (PEM)",
		},
		"tls.flags_need_tls": {
			EN: "%s goes with --tls",
			PT: "%s acompanha --tls",
		},
		"tls.cert_key": {
			EN: "--cert and --key go together: give both",
			PT: "--cert e --key andam juntas: dê as duas",
		},
		"tls.no_ca": {
			EN: "%s: no PEM certificate in the CA file",
			PT: "%s: o arquivo de CAs não tem nenhum certificado PEM",
		},
		"tls.udp": {
			EN: "TLS runs over TCP, not UDP",
			PT: "o TLS roda sobre TCP, não sobre UDP",
		},
		"tls.selfsigned": {
			EN: "TLS: a self-signed certificate made for this session, SHA-256 fingerprint %s",
			PT: "TLS: um certificado autoassinado feito para esta sessão, impressão digital SHA-256 %s",
		},
		"tls.session": {
			EN: "TLS over this TCP connection: %s, %s",
			PT: "TLS sobre esta conexão TCP: %s, %s",
		},
		"tls.peer": {
			EN: "peer certificate: %s, issued by %s, valid %s to %s",
			PT: "certificado do par: %s, emitido por %s, válido de %s a %s",
		},
		"tls.alpn": {
			EN: "ALPN: %s",
			PT: "ALPN: %s",
		},
		"tls.verified": {
			EN: "the certificate chain and the name %q were verified",
			PT: "a cadeia de certificados e o nome %q foram verificados",
		},
		"tls.not_verified": {
			EN: "not verified (--insecure); a check would have failed: %s",
			PT: "não verificado (--insecure); a verificação teria falhado: %s",
		},
		"tls.would_pass": {
			EN: "not verified (--insecure); a check would have passed",
			PT: "não verificado (--insecure); a verificação teria passado",
		},
		"tls.explain": {
			EN: "TLS runs on top of the TCP connection: the handshake above went through send and recv on [%d]; from now on send and recv carry encrypted records",
			PT: "o TLS roda por cima da conexão TCP: o handshake acima passou por send e recv em [%d]; daqui em diante send e recv levam registros cifrados",
		},
		"tls.why.authority": {
			EN: "signed by an authority this machine does not trust (self-signed, or a private CA: give it with --ca FILE)",
			PT: "assinado por uma autoridade em que esta máquina não confia (autoassinado, ou uma CA privada: informe-a com --ca ARQUIVO)",
		},
		"tls.why.name": {
			EN: "the certificate is not for this name (see its names; --servername NAME chooses the name checked)",
			PT: "o certificado não é para este nome (veja os nomes dele; --servername NOME escolhe o nome verificado)",
		},
		"tls.why.expired": {
			EN: "the certificate has expired",
			PT: "o certificado expirou",
		},
		"tls.why.notyet": {
			EN: "the certificate is not valid yet (check this machine's clock)",
			PT: "o certificado ainda não é válido (confira o relógio desta máquina)",
		},
		"tls.self": {
			EN: "the server is [%d], this shell's own TLS listener: its side of the handshake runs when you accept, which cannot happen while connect waits for it; connect from another shell or program (socklab nc --ssl, openssl s_client), or connect without --tls",
			PT: "o servidor é [%d], o listener TLS deste próprio shell: o lado dele do handshake roda no accept, que não pode acontecer enquanto o connect espera por ele; conecte de outro shell ou programa (socklab nc --ssl, openssl s_client), ou conecte sem --tls",
		},
		"hint.tls_client_left": {
			EN: "the client ended the handshake: a client that does not trust the certificate does so (a certificate made for this session is self-signed: curl -k, socklab nc --ssl and openssl s_client accept it; or give your own with --cert and --key)",
			PT: "o cliente encerrou o handshake: é o que faz um cliente que não confia no certificado (o certificado feito para esta sessão é autoassinado: curl -k, socklab nc --ssl e openssl s_client o aceitam; ou dê o seu com --cert e --key)",
		},
		"tls.eof": {
			EN: "the peer closed the connection during the handshake",
			PT: "o par fechou a conexão durante o handshake",
		},
		"tls.closed": {
			EN: "closed: the TLS handshake did not complete, so the connection cannot carry data",
			PT: "fechado: o handshake TLS não terminou, então a conexão não pode levar dados",
		},
		"tls.not_tls": {
			EN: "the peer does not speak TLS: its first bytes were %q",
			PT: "o par não fala TLS: os primeiros bytes dele foram %q",
		},
		"hint.tls_timeout": {
			EN: "the peer did not finish the TLS handshake in time: is this a TLS port? (a plain TCP server waits for the client to speak first, and a client of plain TCP never starts a handshake)",
			PT: "o par não terminou o handshake TLS a tempo: esta porta é de TLS? (um servidor TCP comum espera o cliente falar primeiro, e um cliente de TCP comum nunca começa um handshake)",
		},
		"tls.why.other": {
			EN: "%v",
			PT: "%v",
		},
	})
}
