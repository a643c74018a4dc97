package netcat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socklab/socklab/words"
)

// TestErrorsInPortuguese: a listener that cannot listen, a stdin that
// cannot be read and a stdout that cannot be written are said in the
// language chosen, as every other nc error, with what failed named (they
// were Go's English: "listen tcp4 127.0.0.1:P: bind: address already in
// use", "readfrom tcp ...: read /dev/stdin: is a directory").
func TestErrorsInPortuguese(t *testing.T) {
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	ln, port := server(t)

	r := start(t, nil, "-l", "127.0.0.1", port) // the port is taken
	if s := r.status(t); s != 1 {
		t.Fatalf("listen: status %d", s)
	}
	want := "socklab nc: a escuta em 127.0.0.1 porta " + port + " (tcp) falhou: endereço já em uso\n"
	if got := r.stderr.String(); got != want {
		t.Fatalf("listen: stderr %q, want %q", got, want)
	}

	for _, args := range [][]string{{}, {"-w", "5"}} { // the kernel's paths and the copying one
		dir, err := os.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer dir.Close()
		r = start(t, dir, append(args, "127.0.0.1", port)...)
		accept(t, ln)
		if s := r.status(t); s != 1 {
			t.Fatalf("stdin %q: status %d", args, s)
		}
		want = "socklab nc: a leitura da entrada padrão falhou: é um diretório\n"
		if got := r.stderr.String(); got != want {
			t.Fatalf("stdin %q: stderr %q, want %q", args, got, want)
		}

		name := filepath.Join(t.TempDir(), "out")
		os.WriteFile(name, nil, 0o600)
		ro, err := os.Open(name) // read-only: writing it fails
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		r = startIO(t, nil, ro, append(args, "-d", "127.0.0.1", port)...)
		c := accept(t, ln)
		c.Write([]byte("data"))
		if s := r.status(t); s != 1 {
			t.Fatalf("stdout %q: status %d", args, s)
		}
		want = "socklab nc: a escrita na saída padrão falhou: descritor de arquivo inválido\n"
		if got := r.stderr.String(); !strings.HasSuffix(got, want) {
			t.Fatalf("stdout %q: stderr %q, want %q", args, got, want)
		}
	}
}

// TestUsageInPortuguese: the usage line after a usage error and at the
// head of -h names its placeholders in the language (they were English:
// "[-p port] [-q secs] ... port[s] | -U path").
func TestUsageInPortuguese(t *testing.T) {
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	want := "uso: socklab nc [-46CdhklNnUuvz] [-p porta] [-q segs] [-s endereço] [-w segs] [--ssl ...] [host] porta[s] | -U caminho\n"
	r := start(t, nil)
	if s := r.status(t); s != statusUsage {
		t.Fatalf("status %d", s)
	}
	if got := r.stderr.String(); !strings.HasSuffix(got, want) {
		t.Errorf("stderr %q, want it to end with %q", got, want)
	}
	r = start(t, nil, "-h")
	if s := r.status(t); s != 0 {
		t.Fatalf("-h: status %d", s)
	}
	if got := r.stdout.String(); !strings.HasPrefix(got, want) {
		t.Errorf("-h starts %q, want %q", got[:min(len(got), len(want))], want)
	}
}

// TestListenUnknownService: a listener's port that is no number and no
// service name is said as a client's is, a bad port (it was "no host is
// named "tcp4/nosuchservice"", a host lookup's words, with status 1).
func TestListenUnknownService(t *testing.T) {
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	for _, args := range [][]string{{"-l", "127.0.0.1", "nosuchservice"}, {"-u", "-l", "nosuchservice"}} {
		r := start(t, nil, args...)
		if s := r.status(t); s != statusUsage {
			t.Errorf("%q: status %d, want %d", args, s, statusUsage)
		}
		want := "socklab nc: porta inválida \"nosuchservice\": nome de serviço desconhecido\n"
		if got := r.stderr.String(); !strings.HasPrefix(got, want) {
			t.Errorf("%q: stderr %q, want it to start with %q", args, got, want)
		}
	}
}
