package words

// socklab's command line: mistakes in its flags.
func init() {
	add(map[string]Text{
		"cli.unknown_flag": {
			EN: "unknown flag %s (socklab --help lists the flags)",
			PT: "flag desconhecida %s (socklab --help lista as flags)",
		},
		"cli.needs_value": {
			EN: "%s needs a value (socklab --help lists the flags)",
			PT: "%s precisa de um valor (socklab --help lista as flags)",
		},
		"cli.bad_bool": {
			EN: "bad value %s for %s: want true or false, or the flag alone (socklab --help lists the flags)",
			PT: "valor inválido %s para %s: use true ou false, ou só a flag (socklab --help lista as flags)",
		},
		"cli.bad_flag": {
			EN: "%s (socklab --help lists the flags)",
			PT: "%s (socklab --help lista as flags)",
		},
	})
}
