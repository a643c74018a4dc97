package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/socklab/socklab/luanet"
	"github.com/socklab/socklab/words"
)

// version is socklab's version: the module's, or the commit it was built
// from, or "devel".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// parseFlags parses socklab's own flags. --help and -h print the usage on
// stdout; --version prints the version; a mistake is one line naming the
// flag as typed. done reports that run should return status.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (status int, done bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			break
		}
		if a == "--version" || a == "-version" {
			fmt.Fprintln(stdout, "socklab", version())
			return 0, true
		}
	}
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, false
	case err == flag.ErrHelp:
		fmt.Fprint(stdout, words.T("main.usage"))
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0, true
	}
	fmt.Fprintln(stderr, words.T("label.error"), flagError(err.Error(), args))
	return 2, true
}

// flagError says one of package flag's errors (fixed English formats) in
// the catalog's words; a value's own error (--memory's) is already said.
func flagError(msg string, args []string) string {
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return words.T("cli.unknown_flag", typed(args, name))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return words.T("cli.needs_value", typed(args, name))
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		return words.T("cli.bad_flag", m[1])
	}
	if m := invalidBool.FindStringSubmatch(msg); m != nil {
		return words.T("cli.bad_bool", m[1], typed(args, m[2]))
	}
	return words.T("cli.bad_flag", msg)
}

// invalidValue is package flag's "invalid value "x" for flag -memory: WHY".
var invalidValue = regexp.MustCompile(`^invalid value ".*" for flag -[^:]+: (.+)$`)

// invalidBool is package flag's "invalid boolean value "x" for -allow-exec: ...".
var invalidBool = regexp.MustCompile(`^invalid boolean value (".*") for -([^:]+): `)

// typed finds the flag named name in args as the user typed it (-x or --x).
func typed(args []string, name string) string {
	for _, a := range args {
		n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && n == name {
			f, _, _ := strings.Cut(a, "=")
			return f
		}
	}
	return "-" + name
}

// parseMemory reads --memory: a number of bytes, or of KiB, MiB or GiB
// with a K, M or G after it (64M), within luanet's bounds.
func parseMemory(v string) (int64, error) {
	mult := int64(1)
	num := strings.ToUpper(strings.TrimSpace(v))
	for suffix, m := range map[string]int64{"K": 1 << 10, "M": 1 << 20, "G": 1 << 30} {
		if n, ok := strings.CutSuffix(num, suffix); ok {
			num, mult = n, m
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > luanet.MaxMemory/mult || n*mult < luanet.MinMemory {
		return 0, errors.New(words.T("main.bad_memory", v, int64(luanet.MinMemory>>20), int64(luanet.MaxMemory>>30)))
	}
	return n * mult, nil
}

// scriptExitStatus is the process's exit status for a script that called
// os.exit(code) with a code other than 0: the code itself, as the lua
// command gives it, when a status can carry it (1 to 255); otherwise 1, so
// that a failure (os.exit(false), os.exit(-1), os.exit(256)) never reads
// as success.
func scriptExitStatus(code int) int {
	if code < 1 || code > 255 {
		return 1
	}
	return code
}
