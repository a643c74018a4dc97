// Command socklab is a scriptable, netcat-style socket laboratory: an
// interactive shell over TCP and UDP sockets, a Lua runtime for socket
// scripts, a netcat mode, and a teaching layer that shows every socket call.
//
// Usage:
//
//	socklab                          interactive shell
//	socklab SCRIPT.lua [ARGS...]     run a script
//	socklab -c 'CMD; CMD; ...'       run shell commands, then exit
//	socklab < session.txt            run stdin's lines as commands
//	socklab nc [nc flags] HOST PORT  netcat mode
//	socklab check [EXERCISE ...]     grade a student's server or client
//	socklab --lab [...]              any of these in a private network (Linux)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/socklab/socklab/check"
	"github.com/socklab/socklab/lab"
	"github.com/socklab/socklab/luanet"
	"github.com/socklab/socklab/netcat"
	"github.com/socklab/socklab/repl"
	"github.com/socklab/socklab/words"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// run picks the mode from args and returns the exit status: 0 when all went
// well, 1 when a command or the script failed, the code a script gave
// os.exit, 2 for bad usage, 130 when a signal stopped it.
func run(args []string, stdin *os.File, stdout, stderr io.Writer) int {
	words.SetLang(words.FromEnv(os.Getenv))
	if len(args) > 0 && (args[0] == "--lang" || args[0] == "-lang") {
		if len(args) == 1 {
			fmt.Fprintln(stderr, words.T("label.error"), words.T("cli.needs_value", args[0]))
			return 2
		}
		args = append([]string{args[0] + "=" + args[1]}, args[2:]...)
	}
	if len(args) > 0 && (strings.HasPrefix(args[0], "--lang=") || strings.HasPrefix(args[0], "-lang=")) {
		_, v, _ := strings.Cut(args[0], "=")
		l, ok := words.Parse(v)
		if !ok {
			fmt.Fprintln(stderr, words.T("label.error"), words.T("lang.bad", v))
			return 2
		}
		words.SetLang(l)
		args = args[1:]
	}
	if len(args) > 0 && (args[0] == "--lab" || args[0] == "-lab") {
		return startLab(args[1:], stdin, stdout, stderr)
	}
	if lab.Inside() {
		if status := enterLab(stderr); status != 0 {
			return status
		}
	}
	if len(args) > 0 && args[0] == "check" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		status := check.Main(ctx, args[1:], stdout, stderr, colorful(stdout))
		if ctx.Err() != nil {
			return repl.ExitInterrupted
		}
		return status
	}
	if len(args) > 0 && args[0] == "nc" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return netcat.Main(ctx, args[1:], stdin, stdout, stderr)
	}
	fs := flag.NewFlagSet("socklab", flag.ContinueOnError)
	cmds := fs.String("c", "", words.T("main.flag_c"))
	allowExec := fs.Bool("allow-exec", false, words.T("main.flag_allow_exec"))
	fs.Bool("version", false, words.T("main.flag_version"))
	var memory int64
	fs.Func("memory", words.T("main.flag_memory", luanet.DefaultMemory>>20), func(v string) (err error) {
		memory, err = parseMemory(v)
		return err
	})
	if status, done := parseFlags(fs, args, stdout, stderr); done {
		return status
	}
	if fs.NArg() > 0 && strings.HasSuffix(fs.Arg(0), ".lua") {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		tuneGCForScript(os.LookupEnv)
		err := luanet.RunFile(ctx, fs.Arg(0), fs.Args()[1:], luanet.Options{
			Stdin: stdin, Stdout: stdout, Stderr: stderr, AllowExec: *allowExec, Memory: memory,
			OnError: func(err error) { repl.WriteError(stderr, err) }})
		var exit *luanet.ExitError
		switch {
		case errors.As(err, &exit): // os.exit(3): status 3, quietly, as lua's own
			return scriptExitStatus(exit.Code)
		case err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled):
			fmt.Fprintln(stderr, words.T("lua.stopped_signal", fs.Arg(0)))
			return repl.ExitInterrupted
		case err != nil:
			repl.WriteError(stderr, err)
			return 1
		}
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, words.T("label.error"), words.T("main.unexpected", fs.Arg(0)))
		if isSet(fs, "c") && strings.HasPrefix(*cmds, "'") { // the shell left the quote: cmd.exe
			fmt.Fprintln(stderr, words.T("label.hint"), words.T("windows.cmd_quotes"))
		}
		return 2
	}
	return repl.Run(repl.Options{Commands: *cmds, HasCommands: isSet(fs, "c"),
		Stdin: stdin, Stdout: stdout, Stderr: stderr, AllowExec: *allowExec, Memory: memory})
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// colorful reports whether w is a terminal that should get colours: a
// character device, with NO_COLOR unset and TERM not "dumb", that shows
// them (see [repl.CanColor]: a Windows console's virtual-terminal
// processing is turned on).
func colorful(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && repl.CanColor(f)
}
