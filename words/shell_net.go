package words

// The shell's address forms, recv --out and relay.
func init() {
	add(map[string]Text{
		"sock.host_port_words": {
			EN: "%s takes HOST:PORT, or HOST and PORT as two words (127.0.0.1 8888, ::1 8888)",
			PT: "%s recebe HOST:PORTA, ou HOST e PORTA como duas palavras (127.0.0.1 8888, ::1 8888)",
		},
		"data.appended": {
			EN: "%s appended to %s",
			PT: "acrescentou %s a %s",
		},
		"help.recv.flag.out": {
			EN: "append the bytes, exactly as received, to FILE instead of showing them",
			PT: "acrescenta os bytes, exatamente como recebidos, a ARQUIVO em vez de mostrá-los",
		},
		"data.out_or_hex": {
			EN: "--out writes the bytes to a file and --hex shows them: choose one",
			PT: "--out grava os bytes num arquivo e --hex os mostra: escolha um",
		},
		"data.out_file": {
			EN: "cannot write to %s: %v",
			PT: "não é possível escrever em %s: %v",
		},
	})
}
