package words

// The messages of socklab on Windows, and of the step forms every system
// shares with it.
func init() {
	add(map[string]Text{
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
