package words

func init() {
	add(map[string]Text{
		"lang.bad": {
			EN: "unknown language %q: want en or pt",
			PT: "idioma desconhecido %q: use en ou pt",
		},
	})
}
