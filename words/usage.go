package words

// The placeholders of the shell's usage lines ("listen [HOST]:PORT"), as
// the help texts name them.
func init() {
	add(map[string]Text{
		"usage.PORT":        {EN: "PORT", PT: "PORTA"},
		"usage.FILE":        {EN: "FILE", PT: "ARQUIVO"},
		"usage.PATH":        {EN: "PATH", PT: "CAMINHO"},
		"usage.TEXT":        {EN: "TEXT", PT: "TEXTO"},
		"usage.NAME":        {EN: "NAME", PT: "NOME"},
		"usage.VALUE":       {EN: "VALUE", PT: "VALOR"},
		"usage.CODE":        {EN: "CODE", PT: "CÓDIGO"},
		"usage.COMMAND":     {EN: "COMMAND", PT: "COMANDO"},
		"usage.LISTEN_ADDR": {EN: "LISTEN_ADDR", PT: "ENDEREÇO_ESCUTA"},
		"usage.TARGET_ADDR": {EN: "TARGET_ADDR", PT: "ENDEREÇO_DESTINO"},
	})
}
