package words

// socklab's command line: mistakes in its flags.
func init() {
	add(map[string]Text{
		"cli.unknown_flag": {
			EN: "unknown flag %s (socklab --help lists the flags)",
			PT: "flag desconhecida %s (socklab --help lista as flags)",
		},
		"cli.bad_flag": {
			EN: "%s (socklab --help lists the flags)",
			PT: "%s (socklab --help lista as flags)",
		},
	})
}
