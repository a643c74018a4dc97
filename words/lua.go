package words

// Messages of the Lua runtime (luanet). The short reasons a call returns
// ("timeout", "closed", "canceled", ...) are API tokens and stay English.
func init() {
	add(map[string]Text{
		"lua.main_chunk": {
			EN: "main chunk",
			PT: "trecho principal",
		},
		"lua.spawned": {
			EN: "spawned",
			PT: "iniciada com spawn",
		},
		"lua.spawned_at": {
			EN: "spawned at %s",
			PT: "iniciada com spawn em %s",
		},
		"lua.yield_outside": {
			EN: "coroutine.yield was called outside a coroutine the script created (task %d, %s): only coroutine.create and coroutine.wrap make coroutines one can yield from",
			PT: "coroutine.yield foi chamada fora de uma corrotina criada pelo script (tarefa %d, %s): só coroutine.create e coroutine.wrap criam corrotinas das quais se pode fazer yield",
		},
		"lua.yield_outside_call": {
			EN: "coroutine.yield was called outside a coroutine the script created: only coroutine.create and coroutine.wrap make coroutines one can yield from",
			PT: "coroutine.yield foi chamada fora de uma corrotina criada pelo script: só coroutine.create e coroutine.wrap criam corrotinas das quais se pode fazer yield",
		},
		"lua.stack_overflow": {
			EN: "stack overflow (more than %d nested pcall, xpcall or coroutine calls)",
			PT: "estouro de pilha (stack overflow): mais de %d chamadas aninhadas de pcall, xpcall ou corrotinas",
		},
		"lua.callstack_overflow": {
			EN: "stack overflow (more than %d nested calls)",
			PT: "estouro de pilha (stack overflow): mais de %d chamadas aninhadas",
		},
		"lua.script_too_big": {
			EN: "%s: more than %d bytes, too big for a script",
			PT: "%s: mais de %d bytes, grande demais para um script",
		},
		"lua.internal": {
			EN: "internal error: %v (please report it)",
			PT: "erro interno: %v (por favor, relate)",
		},
		"lua.seconds_range": {
			EN: "%s must be a number of seconds >= 0, got %v",
			PT: "%s deve ser um número de segundos >= 0, veio %v",
		},
		"lua.size_range": {
			EN: "size must be a whole number from %d to %d, got %v",
			PT: "o tamanho deve ser um número inteiro de %d a %d, veio %v",
		},
		"lua.backlog_range": {
			EN: "backlog must be a whole number from 0 to %d, got %s",
			PT: "o backlog deve ser um número inteiro de 0 a %d, veio %s",
		},
		"lua.option_range": {
			EN: "a whole number from %d to %d expected, got %s",
			PT: "esperava um número inteiro de %d a %d, veio %s",
		},
		"lua.tls_options": {
			EN: "verify, servername and ca go with tls = true",
			PT: "verify, servername e ca acompanham tls = true",
		},
		"lua.memory_range": {
			EN: "the budget must be a whole number of bytes from %d to %d, got %s",
			PT: "o orçamento deve ser um número inteiro de bytes de %d a %d, veio %s",
		},
		"lua.io_read_one": {
			EN: "one format per call: read the values one after another, as local a, b = io.read(), io.read()",
			PT: "um formato por chamada: leia os valores um depois do outro, como local a, b = io.read(), io.read()",
		},
		"lua.io_read_format": {
			EN: "format %s is not supported: \"*l\" (a line), \"*L\" (a line with its newline) or \"*a\" (all that is left); for a number, tonumber(input())",
			PT: "o formato %s não é aceito: \"*l\" (uma linha), \"*L\" (uma linha com a quebra de linha) ou \"*a\" (tudo o que falta); para um número, tonumber(input())",
		},
		"lua.no_task": {
			EN: "%s: cannot block here: not inside the script's main chunk or a spawned function",
			PT: "%s: não pode bloquear aqui: fora do trecho principal do script e de uma função iniciada com spawn",
		},
		"lua.cannot_block": {
			EN: "%s: cannot block inside a metamethod / for-in iterator / sort or gsub callback (Lua 5.1 cannot yield there): call it from plain code, e.g. a while loop",
			PT: "%s: não pode bloquear dentro de um metamétodo / iterador de for-in / função passada a sort ou gsub (o Lua 5.1 não faz yield ali): chame de código comum, por exemplo um laço while",
		},
		"lua.bad_self": {
			EN: "bad self to '%s' (%s expected, got %s): call it as %s:%s(...)",
			PT: "self inválido para '%s' (esperava %s, veio %s): chame como %s:%s(...)",
		},
		"lua.join_self": {
			EN: "a task cannot join itself: it would wait for ever",
			PT: "uma tarefa não pode esperar por si mesma com join: esperaria para sempre",
		},
		"lua.cancel_self": {
			EN: "a task cannot cancel itself: return from its function (or raise an error) to end it",
			PT: "uma tarefa não pode cancelar a si mesma: retorne da função (ou lance um erro) para encerrá-la",
		},
		"lua.deadlock": {
			EN: "every task waits on a queue or a join that only another task could complete: the script would wait for ever (deadlock)",
			PT: "todas as tarefas esperam por uma fila ou um join que só outra tarefa poderia completar: o script esperaria para sempre (deadlock)",
		},
		"lua.queue_capacity": {
			EN: "capacity must be a whole number from 1 to %d, got %s",
			PT: "a capacidade deve ser um número inteiro de 1 a %d, veio %s",
		},
		"lua.recvn_size": {
			EN: "a whole number of bytes >= 0 expected, got %s",
			PT: "esperava um número inteiro de bytes >= 0, veio %s",
		},
		"lua.option_number": {
			EN: "a whole number from 0 to 2147483647 expected, got %s",
			PT: "esperava um número inteiro de 0 a 2147483647, veio %s",
		},
		"lua.option_bool": {
			EN: "%s takes true or false, got %s",
			PT: "%s aceita true ou false, veio %s",
		},
		"lua.option_bytes": {
			EN: "%s takes a number of bytes, got %s",
			PT: "%s aceita um número de bytes, veio %s",
		},
		"lua.option_linger": {
			EN: "%s takes false or a number of seconds (0: close with RST), got %s",
			PT: "%s aceita false ou um número de segundos (0: fecha com RST), veio %s",
		},
		"lua.co_parked": {
			EN: "cannot resume this coroutine: it waits in a blocking call made while another task resumed it",
			PT: "não é possível retomar esta corrotina: ela espera numa chamada bloqueante feita quando outra tarefa a retomou",
		},
		"lua.push_nil": {
			EN: "a queue cannot hold nil (pop returns nil only with a reason): push false or a table instead",
			PT: "uma fila não guarda nil (pop só devolve nil junto com um motivo): use false ou uma tabela",
		},
	})
}
