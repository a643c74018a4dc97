package netcat

// usageLine is printed after a usage error.
const usageLine = "usage: socklab nc [-46CdhklNnUuvz] [-p port] [-q secs] [-s addr] [-w secs] [--ssl ...] [host] port[s] | -U path"

// helpText is the output of `socklab nc -h`.
const helpText = usageLine + `

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
`
