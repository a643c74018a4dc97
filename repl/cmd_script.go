package repl

// scriptCommands are the shell's Lua commands, `run SCRIPT.lua [ARGS] [&]`
// and `lua CODE`. Issue 3 (the Lua engineer, package luanet) fills this
// group; the command table picks it up unchanged.
var scriptCommands []*Command
