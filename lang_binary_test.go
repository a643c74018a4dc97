package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestLanguageFromLocale runs the binary as a person would: the locale's
// variables choose the language (LC_ALL, then LC_MESSAGES, then LANG; a
// value starting with "pt" is Portuguese), and --lang overrides them.
func TestLanguageFromLocale(t *testing.T) {
	bin := socklabBin(t)
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "NO_COLOR=1"}
	for _, c := range []struct {
		env  []string
		args []string
		want []string
	}{
		{[]string{"LANG=pt_BR.UTF-8"}, nil, []string{"erro: connect tcp 127.0.0.1:1: conexão recusada\n", "dica: ninguém escuta em 127.0.0.1:1 — inicie um servidor com: listen tcp :1\n"}},
		{[]string{"LANG=C"}, nil, []string{"error: connect tcp 127.0.0.1:1: connection refused\n", "hint: nothing listens on 127.0.0.1:1 — start a server with: listen tcp :1\n"}},
		{nil, nil, []string{"error: connect tcp 127.0.0.1:1: connection refused\n"}},
		{[]string{"LANG=pt_BR.UTF-8", "LC_ALL=C.UTF-8"}, nil, []string{"error: connect tcp 127.0.0.1:1: connection refused\n"}},
		{[]string{"LANG=C", "LC_MESSAGES=pt_BR"}, nil, []string{"erro: connect tcp 127.0.0.1:1: conexão recusada\n"}},
		{[]string{"LANG=pt_BR.UTF-8"}, []string{"--lang", "en"}, []string{"error: connect tcp 127.0.0.1:1: connection refused\n"}},
		{[]string{"LANG=C"}, []string{"--lang", "pt"}, []string{"erro: connect tcp 127.0.0.1:1: conexão recusada\n"}},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cmd := exec.CommandContext(ctx, bin, append(c.args, "-c", "connect 127.0.0.1:1")...)
		cmd.Env = append(append([]string{}, base...), c.env...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		cancel()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 1 {
			t.Errorf("%v %v: %v, want exit status 1\n%s", c.env, c.args, err, stderr.String())
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("%v %v: stderr lacks %q:\n%s", c.env, c.args, w, stderr.String())
			}
		}
	}
}

// TestFileErrorsInPortuguese: a file socklab cannot open, write or run is
// said in Portuguese under --lang pt, the system's error included, never
// Go's English text.
func TestFileErrorsInPortuguese(t *testing.T) {
	bin := socklabBin(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	freeAddr := free.Addr().String()
	free.Close()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-c", "connect " + l.Addr().String() + "; recv --out " + t.TempDir()}, "é um diretório"},
		{[]string{"nc", "-l", "--ssl-cert", "/nonexistent/c.pem", "--ssl-key", "/nonexistent/k.pem", "127.0.0.1", "0"}, "arquivo ou diretório inexistente"},
		{[]string{"check", "echo-server", freeAddr, "--", "/nonexistent/prog"}, "arquivo ou diretório inexistente"},
		{[]string{"check", "echo-server", freeAddr, "--", "socklab-no-such-program"}, `nenhum programa chamado "socklab-no-such-program" no PATH`},
		{[]string{"socklab-no-such-script.lua"}, "erro: socklab-no-such-script.lua: arquivo ou diretório inexistente\n"},
		{[]string{"-c", "run socklab-no-such-script.lua"}, "erro: run socklab-no-such-script.lua: arquivo ou diretório inexistente\n"},
	}
	if runtime.GOOS == "linux" {
		cases = append(cases, struct {
			args []string
			want string
		}{[]string{"-c", "record /dev/full; sockets"}, "não há espaço disponível no dispositivo"})
	}
	for _, c := range cases {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, bin, append([]string{"--lang", "pt"}, c.args...)...)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "NO_COLOR=1"}
		out, _ := cmd.CombinedOutput()
		cancel()
		if !strings.Contains(string(out), c.want) {
			t.Errorf("%v: output lacks %q:\n%s", c.args, c.want, out)
		}
		for _, en := range []string{"no such file", "is a directory", "no space left", "not found in", "open "} {
			if strings.Contains(string(out), en) {
				t.Errorf("%v: English %q in:\n%s", c.args, en, out)
			}
		}
	}
}
