package words

// The errno an option of the wrong protocol gets (option ID nodelay on a
// UDP socket): its text and what it means; the state sockets shows when
// the kernel told none.
func init() {
	add(map[string]Text{
		"session.state_unknown": {EN: "unknown", PT: "desconhecido"},
		"errtext.ENOPROTOOPT":   {EN: "protocol not available", PT: "protocolo não disponível"},
		"errno.ENOPROTOOPT": {
			EN: "this socket's protocol has no such option: nodelay (TCP_NODELAY) is TCP's, and a UDP or UNIX socket has none",
			PT: "o protocolo deste socket não tem essa opção: nodelay (TCP_NODELAY) é do TCP, e um socket UDP ou UNIX não a tem",
		},
	})
}
