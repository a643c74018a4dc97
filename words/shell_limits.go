package words

// The shell's limits and the promises it keeps under abuse: sizes, ids of
// closed sockets, over-long lines, cut datagrams, record's write errors.
func init() {
	add(map[string]Text{
		"limits.bad_size": {
			EN: "bad size %s: want a number of bytes from 1 to %d (256 MiB)",
			PT: "tamanho inválido %s: use um número de bytes de 1 a %d (256 MiB)",
		},
		"limits.datagram_cut": {
			EN: "%d bytes of this %d-byte datagram did not fit in MAX %d and were dropped",
			PT: "%d bytes deste datagrama de %d bytes não couberam em MAX %d e foram descartados",
		},
		"limits.id_closed": {
			EN: "[%d] is closed",
			PT: "[%d] está fechado",
		},
		"limits.id_quote_number": {
			EN: "%[1]s is a socket id (ids are never reused); to send the number itself, quote it: %[2]s \"%[1]s\"",
			PT: "%[1]s é o id de um socket (ids nunca são reusados); para enviar o próprio número, use aspas: %[2]s \"%[1]s\"",
		},
		"limits.record_failed": {
			EN: "record: writing %s failed: %v; recording stopped",
			PT: "record: falha ao escrever %s: %v; a gravação parou",
		},
		"limits.int32": {
			EN: "bad %s %s: want a number from 0 to 2147483647 (the kernel takes a C int; a larger one is refused, never cut)",
			PT: "%s inválido %s: use um número de 0 a 2147483647 (o kernel recebe um int de C; um maior é recusado, nunca cortado)",
		},
		"limits.eof_after_reset": {
			EN: "the peer reset this connection (RST), it did not finish with a FIN: the connection is gone and nothing more will arrive; close %d",
			PT: "o par resetou esta conexão (RST), não terminou com um FIN: a conexão acabou e nada mais vai chegar; close %d",
		},
		"limits.file_datagram": {
			EN: "%s --file %s: more than %d bytes, the most one UDP datagram holds",
			PT: "%s --file %s: mais de %d bytes, o máximo que um datagrama UDP comporta",
		},
	})
}
