package words

// socklab's command line: its usage and flags.
func init() {
	add(map[string]Text{
		"main.usage": {
			EN: `usage:
  socklab                          interactive shell
  socklab SCRIPT.lua [ARGS...]     run a Lua script (ARGS in arg[1] ...)
  socklab -c 'CMD; CMD; ...'       run shell commands, then exit
  socklab < session.txt            run stdin's lines as shell commands
  socklab nc [nc flags] HOST PORT  netcat mode (socklab nc -h for its flags)
  socklab check [EXERCISE [HOST:PORT] [options] [-- COMMAND ARGS...]]
                                   grade a student's server or client against the
                                   course's exercises (socklab check -h)
  socklab --lab [...]              any of these in a private network of its own
                                   (Linux): capture works without root
  socklab --lang en|pt ...         the language of messages (otherwise LC_ALL,
                                   LC_MESSAGES, LANG: pt... is Portuguese; with
                                   none set, Windows' display language)

flags:
`,
			PT: `uso:
  socklab                          shell interativo
  socklab SCRIPT.lua [ARGS...]     roda um script Lua (ARGS em arg[1] ...)
  socklab -c 'CMD; CMD; ...'       roda comandos do shell e sai
  socklab < sessao.txt             roda as linhas da entrada como comandos do shell
  socklab nc [flags do nc] HOST PORTA
                                   modo netcat (socklab nc -h mostra as flags)
  socklab check [EXERCÍCIO [HOST:PORTA] [opções] [-- COMANDO ARGS...]]
                                   avalia o servidor ou cliente de um aluno com os
                                   exercícios do curso (socklab check -h)
  socklab --lab [...]              qualquer um destes numa rede privada própria
                                   (Linux): o capture funciona sem root
  socklab --lang en|pt ...         o idioma das mensagens (senão LC_ALL,
                                   LC_MESSAGES, LANG: pt... é português; sem
                                   nenhum deles, o idioma de exibição do Windows)

flags:
`,
		},
		"main.flag_c":          {EN: "run these shell `COMMANDS` (separated by ; or newlines), then exit", PT: "roda estes `COMANDOS` do shell (separados por ; ou quebras de linha) e sai"},
		"main.flag_version":    {EN: "print socklab's version and exit (also --help: this text)", PT: "mostra a versão do socklab e sai (e --help: este texto)"},
		"main.flag_memory":     {EN: "`SIZE` of each script run's budget for what socklab buffers for its peers (queued sends, unfinished lines), e.g. 64M or 1G (default %dM)", PT: "`TAMANHO` do orçamento de memória de cada execução de script, para o que o socklab acumula à espera dos pares (envios na fila, linhas incompletas), por exemplo 64M ou 1G (padrão %dM)"},
		"main.bad_memory":      {EN: "bad --memory %q: want a size from %dM to %dG, e.g. 64M", PT: "--memory %q inválido: use um tamanho de %dM a %dG, por exemplo 64M"},
		"main.flag_allow_exec": {EN: "let scripts use os.execute and io.popen (off by default)", PT: "deixa os scripts usarem os.execute e io.popen (desligado por padrão)"},
		"main.unexpected":      {EN: "unexpected argument %q: scripts end in .lua, and nc mode starts with \"nc\"", PT: "argumento inesperado %q: scripts terminam em .lua, e o modo nc começa com \"nc\""},
	})
}
