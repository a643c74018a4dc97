package repl

// teachCommands are the teaching layer's commands (socket, bind, the
// step-wise listen and connect, explain, netstat, option, record). The
// teaching-layer issue fills this group; the command table picks it up
// unchanged.
var teachCommands []*Command
