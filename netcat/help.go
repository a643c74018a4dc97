package netcat

// usageLine is printed after a usage error.
const usageLine = "usage: socklab nc [-46CdhklNnuvz] [-p port] [-q secs] [-s addr] [-w secs] [host] port[s]"

// helpText is the output of `socklab nc -h`.
const helpText = usageLine + `

Netcat mode: stdin goes to the socket, the socket goes to stdout, byte for
byte. Flags have netcat-openbsd's meaning and may be combined (-lvk, -w3).

	-4 / -6     IPv4 / IPv6 only
	-C          send CRLF as line ending (each LF read from stdin becomes CRLF)
	-d          do not read stdin (as if stdin were empty)
	-h          this help
	-k          with -l: after a client leaves, accept the next one; clients
	            are served one at a time, in turn, like nc
	-l          listen: -l PORT, -l HOST PORT or -l -p PORT
	-N          at stdin EOF, shutdown(SHUT_WR): the peer reads EOF (FIN)
	-n          numeric addresses only, no DNS look-up
	-p PORT     source port when connecting (listen port with -l)
	-q SECS     at stdin EOF send FIN, then quit SECS later (0: at once;
	            negative: never, the default)
	-s ADDR     source address (listen address with -l)
	-u          UDP: each stdin read is one datagram; -u -l answers the
	            sender of the first datagram (with -k: the latest sender)
	-v          verbose, on stderr only
	-w SECS     connect timeout, and quit when no data moved for SECS
	            (seconds, or a duration such as 500ms)
	-z          scan: connect only, to ports and ranges (22 80-90); exit 0
	            when one is open

End of input (as netcat-openbsd):
	stdin EOF           nothing is sent; keep receiving until the peer
	                    closes (-N or -q to send a FIN)
	peer closes         client: keep sending stdin until its EOF, then exit;
	                    listener (-l): exit at once (-k: next client)
	both closed         exit 0; all received data is written first

Exit status: 0 ok, 1 failure (refused, timeout, scan found nothing),
2 bad usage or unsupported flag (-e -c -x -X -U -T -b ... are refused),
130 stopped by Ctrl-C or SIGTERM.
`
