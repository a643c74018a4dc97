package words

// What explain says of the setsockopt calls that give a new connection the
// system's defaults (Go's net package changes them for every connection),
// and of the bind the kernel makes for a sendto on an unbound socket.
func init() {
	add(map[string]Text{
		"call.opt.TCP_NODELAY.0": {
			EN: "Nagle's algorithm on, the system's default (Go turns it off for every connection)",
			PT: "algoritmo de Nagle ligado, o padrão do sistema (o Go o desliga em toda conexão)",
		},
		"call.opt.SO_KEEPALIVE.0": {
			EN: "no keep-alive probes, the system's default (Go turns them on, every 15 s)",
			PT: "sem sondas keep-alive, o padrão do sistema (o Go as liga, a cada 15 s)",
		},
		"call.sendto_autobind": {
			EN: "the socket had no address: the kernel bound it to a free (ephemeral) port first, and replies come back to it",
			PT: "o socket não tinha endereço: o kernel fez o bind numa porta livre (efêmera) antes, e as respostas voltam para ela",
		},
		"udp.last_from": {
			EN: "last from %s",
			PT: "último de %s",
		},
		"call.opt.TCP_KEEPIDLE": {
			EN: "seconds idle before the first keep-alive probe, back to the system's default",
			PT: "segundos de ociosidade antes da primeira sonda keep-alive, de volta ao padrão do sistema",
		},
		"call.opt.TCP_KEEPINTVL": {
			EN: "seconds between keep-alive probes, back to the system's default",
			PT: "segundos entre as sondas keep-alive, de volta ao padrão do sistema",
		},
	})
}
