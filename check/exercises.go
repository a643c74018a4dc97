package check

// Exercises returns the course's exercises, in the order they are listed.
func Exercises() []*Exercise {
	return []*Exercise{
		{Name: "echo-server", Server: true, Network: "tcp", Addr: "127.0.0.1:65432", about: "check.about.echo_server", run: echoServer,
			cases: []caseDef{
				{"hello", "check.case.echo_hello"},
				{"utf8", "check.case.echo_utf8"},
				{"session", "check.case.session"},
				{"client-closes", "check.case.client_closes"},
			}},
		{Name: "echo-client", Network: "tcp", Addr: "127.0.0.1:65432", about: "check.about.echo_client", run: echoClient,
			cases: []caseDef{
				{"connects", "check.case.connects"},
				{"message", "check.case.client_message"},
				{"reads-then-closes", "check.case.reads_then_closes"},
				{"prints", "check.case.prints"},
			}},
		{Name: "fixed-reply-server", Server: true, Network: "tcp", Addr: "127.0.0.1:8888", about: "check.about.fixed_server", run: fixedReplyServer,
			cases: []caseDef{
				{"reply", "check.case.fixed_reply"},
				{"session", "check.case.session"},
				{"client-closes", "check.case.client_closes"},
			}},
		{Name: "retry-client", Network: "tcp", Addr: "127.0.0.1:8888", about: "check.about.retry_client", run: retryClient,
			cases: []caseDef{
				{"survives-refused", "check.case.survives_refused"},
				{"fresh-socket", "check.case.fresh_socket"},
				{"interval", "check.case.interval"},
				{"message", "check.case.retry_message"},
				{"prints", "check.case.prints"},
			}},
		{Name: "chat-client", Network: "tcp", Addr: "127.0.0.1:61840", about: "check.about.chat_client", run: chatClient,
			cases: []caseDef{
				{"connects", "check.case.connects"},
				{"first-line", "check.case.first_line"},
				{"each-line", "check.case.each_line"},
				{"sair", "check.case.sair"},
				{"prints", "check.case.prints"},
			}},
		{Name: "multiclient-server", Server: true, Network: "tcp", Addr: "127.0.0.1:65432", about: "check.about.multiclient_server", run: multiclientServer,
			cases: []caseDef{
				{"upper", "check.case.upper"},
				{"closes-first", "check.case.closes_first"},
				{"strip", "check.case.strip"},
				{"utf8", "check.case.upper_utf8"},
				{"many-clients", "check.case.many_clients"},
			}},
		{Name: "udp-server", Server: true, Network: "udp", Addr: "127.0.0.1:65431", about: "check.about.udp_server", run: udpServer,
			cases: []caseDef{
				{"upper", "check.case.udp_upper"},
				{"own-port", "check.case.own_port"},
				{"empty-line", "check.case.empty_line"},
				{"utf8", "check.case.upper_utf8"},
				{"several", "check.case.udp_several"},
				{"two-clients", "check.case.udp_two_clients"},
			}},
		{Name: "udp-client", Network: "udp", Addr: "127.0.0.1:65431", about: "check.about.udp_client", run: udpClient,
			cases: []caseDef{
				{"datagram", "check.case.datagram"},
				{"lines", "check.case.udp_lines"},
				{"prints", "check.case.prints"},
			}},
		{Name: "number-server", Server: true, Network: "tcp", Addr: "127.0.0.1:65432", about: "check.about.number_server", run: numberServer,
			cases: []caseDef{
				{"even", "check.case.even"},
				{"odd", "check.case.odd"},
				{"closes-first", "check.case.closes_first"},
				{"nine-digits", "check.case.nine_digits"},
				{"ten-digits", "check.case.ten_digits"},
				{"eleven-digits", "check.case.eleven_digits"},
			}},
		{Name: "number-client", Network: "tcp", Addr: "127.0.0.1:65432", about: "check.about.number_client", run: numberClient,
			cases: []caseDef{
				{"connects", "check.case.connects"},
				{"width", "check.case.width"},
				{"big-endian", "check.case.big_endian"},
				{"prints", "check.case.prints"},
			}},
	}
}
