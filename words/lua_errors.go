package words

// The Lua runtime's own sentences: a spawned function's error, a script's
// exit, the functions a script may not use, server limits. The errors that
// mirror Lua's standard library ("bad argument #1 to 'recv' (number
// expected, got nil)", string.pack's) stay in Lua's English, as Lua prints
// them, and so do the short reasons ("timeout", "closed", ...): scripts
// compare them.
func init() {
	add(map[string]Text{
		"lua.task_failed":    {EN: "%s (task %d, %s): this handler ended, the others go on", PT: "%s (tarefa %d, %s): este tratador terminou, os outros continuam"},
		"lua.exit":           {EN: "script called os.exit(%d)", PT: "o script chamou os.exit(%d)"},
		"lua.say_unknown":    {EN: "no sentence %q in the scripts' catalog (its keys start with \"script.\")", PT: "não há a frase %q no catálogo dos scripts (as chaves dele começam com \"script.\")"},
		"lua.exec_off":       {EN: "%s is off: run socklab with --allow-exec to let scripts run commands", PT: "%s está desligado: rode o socklab com --allow-exec para deixar os scripts executarem comandos"},
		"lua.would_block":    {EN: "%s would block every connection of the script: use input() to read a line", PT: "%s bloquearia todas as conexões do script: use input() para ler uma linha"},
		"lua.max_clients":    {EN: "[%d] max_clients (%d) reached: new clients wait in the backlog until one leaves", PT: "[%d] max_clients (%d) atingido: novos clientes esperam no backlog até um sair"},
		"lua.accept_retry":   {EN: "[%d] accept: %s; retrying in %v", PT: "[%d] accept: %s; tentando de novo em %v"},
		"lua.kind_listener":  {EN: "a listener (accept)", PT: "um listener (accept)"},
		"lua.kind_conn":      {EN: "a TCP connection", PT: "uma conexão TCP"},
		"lua.kind_udp":       {EN: "a UDP socket", PT: "um socket UDP"},
		"lua.kind_step":      {EN: "a socket not yet listening or connected (call listen or connect first)", PT: "um socket ainda sem listen nem connect (chame listen ou connect antes)"},
		"lua.wrong_kind":     {EN: "'%s' does not work on [%d], which is %s", PT: "'%s' não funciona em [%d], que é %s"},
		"lua.stuck":          {EN: "the script is inside a Go function that cannot be interrupted; its sockets are closed", PT: "o script está dentro de uma função Go que não pode ser interrompida; os sockets dele foram fechados"},
		"lua.stopped_signal": {EN: "%s stopped by a signal; its sockets are closed", PT: "%s interrompido por um sinal; os sockets dele foram fechados"},
	})
}
