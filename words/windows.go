package words

// The messages of socklab on Windows, and of the step forms every system
// shares with it.
func init() {
	add(map[string]Text{
		"windows.cmd_quotes": {
			EN: `cmd.exe does not group words in single quotes: write -c "listen 127.0.0.1:8888; accept" (single quotes inside are socklab's own: send 'hello world')`,
			PT: `o cmd.exe não agrupa palavras entre aspas simples: escreva -c "listen 127.0.0.1:8888; accept" (as aspas simples dentro são do socklab: send 'olá mundo')`,
		},
		"windows.reuseaddr": {
			EN: "on Windows SO_REUSEADDR means more than on Linux: a socket with it may bind a port another socket holds, even a live server's (on Linux only connections left in TIME_WAIT are let through); SO_EXCLUSIVEADDRUSE (option ID exclusiveaddruse on) keeps every other socket off a server's port",
			PT: "no Windows SO_REUSEADDR vale mais do que no Linux: um socket com ele pode fazer bind numa porta que outro socket ocupa, até a de um servidor ativo (no Linux só passam as conexões que ficaram em TIME_WAIT); SO_EXCLUSIVEADDRUSE (option ID exclusiveaddruse on) impede qualquer outro socket de usar a porta de um servidor",
		},
		"windows.no_reuseport": {
			EN: "Windows has no SO_REUSEPORT; the nearest is its SO_REUSEADDR, which lets sockets share a port (option ID reuseaddr on)",
			PT: "o Windows não tem SO_REUSEPORT; o mais próximo é o seu SO_REUSEADDR, que deixa sockets compartilharem uma porta (option ID reuseaddr on)",
		},
		"windows.addr_not_avail": {
			EN: "that address is not one of this machine's; use 127.0.0.1, 0.0.0.0 or an address from: ipconfig",
			PT: "esse endereço não é desta máquina; use 127.0.0.1, 0.0.0.0 ou um endereço de: ipconfig",
		},
		"windows.in_use_other": {
			EN: "another program holds port %[1]d; see which in a cmd.exe or PowerShell window with: netstat -ano | findstr :%[1]d (the last column is its PID)",
			PT: "outro programa ocupa a porta %[1]d; veja qual numa janela do cmd.exe ou do PowerShell com: netstat -ano | findstr :%[1]d (a última coluna é o PID dele)",
		},
		"windows.errno.bind.EACCES": {
			EN: "permission denied: Windows keeps every program off this port: it is in a range the system reserved (Hyper-V, WSL and Docker reserve ranges of high ports; see them with: netsh interface ipv4 show excludedportrange protocol=tcp), or another program holds it with SO_EXCLUSIVEADDRUSE; pick another port",
			PT: "permissão negada: o Windows não deixa nenhum programa usar esta porta: ela está numa faixa que o sistema reservou (o Hyper-V, o WSL e o Docker reservam faixas de portas altas; veja-as com: netsh interface ipv4 show excludedportrange protocol=tcp), ou outro programa a ocupa com SO_EXCLUSIVEADDRUSE; escolha outra porta",
		},
		"windows.no_such_option": {
			EN: "(does not exist here)",
			PT: "(não existe aqui)",
		},
		"windows.step_listen_no_socket": {
			EN: "listen %[1]d is the step form (listen ID): no socket [%[1]d] is open; to listen on port %[1]d, write the address: listen :%[1]d",
			PT: "listen %[1]d é a forma passo a passo (listen ID): não há socket [%[1]d] aberto; para escutar na porta %[1]d, escreva o endereço: listen :%[1]d",
		},
		"windows.step_no_socket": {
			EN: "%s ID is a step form: make socket [%d] first, with socket tcp",
			PT: "%s ID é uma forma passo a passo: crie antes o socket [%d], com socket tcp",
		},
	})
}
