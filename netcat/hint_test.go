package netcat

import (
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/socklab/socklab/words"
)

// TestRefusedHint: a refused connect is followed by one line saying what
// it means (nothing listens on that port), in the language chosen, as the
// shell's connect says it; nc's own line stays as it was.
func TestRefusedHint(t *testing.T) {
	defer words.SetLang(words.EN)
	ln, port := server(t)
	ln.Close()
	for _, tt := range []struct {
		lang words.Lang
		want string
	}{
		{words.EN, "socklab nc: connect to 127.0.0.1 port " + port + " (tcp) failed: connection refused\n" +
			"socklab nc: hint: the host answered with RST: nothing listens on that port\n"},
		{words.PT, "socklab nc: a conexão a 127.0.0.1 porta " + port + " (tcp) falhou: conexão recusada\n" +
			"socklab nc: dica: o host respondeu com RST: ninguém escuta nessa porta\n"},
	} {
		words.SetLang(tt.lang)
		r := start(t, nil, "127.0.0.1", port)
		if s := r.status(t); s != 1 {
			t.Fatalf("%v: status %d", tt.lang, s)
		}
		if got := r.stderr.String(); got != tt.want {
			t.Errorf("%v: stderr\n%q, want\n%q", tt.lang, got, tt.want)
		}
	}
}

// TestConnectionFailedHint: an established connection that fails with
// ETIMEDOUT, EHOSTUNREACH or ENETUNREACH ("the connection failed: ...")
// gets the same one-line hint; other errors get none.
func TestConnectionFailedHint(t *testing.T) {
	defer words.SetLang(words.EN)
	opErr := func(en syscall.Errno) error {
		return &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", en)}
	}
	for _, tt := range []struct {
		lang words.Lang
		err  error
		want string
	}{
		{words.EN, opErr(syscall.ETIMEDOUT), "socklab nc: the connection failed: timed out\n" +
			"socklab nc: hint: no answer: the SYN (or data) went unanswered until the kernel gave up\n"},
		{words.PT, opErr(syscall.ETIMEDOUT), "socklab nc: a conexão falhou: tempo esgotado\n" +
			"socklab nc: dica: sem resposta: o SYN (ou os dados) ficou sem resposta até o kernel desistir\n"},
		{words.EN, opErr(syscall.EHOSTUNREACH), "socklab nc: the connection failed: no route to host\n" +
			"socklab nc: hint: the host cannot be reached: it is down or not on this network (no answer to ARP), or a router says so: check the address\n"},
		{words.EN, opErr(syscall.ENETUNREACH), "socklab nc: the connection failed: network is unreachable\n" +
			"socklab nc: hint: no route to that network: check the address and the interface\n"},
		{words.EN, opErr(syscall.EACCES), "socklab nc: the connection failed: permission denied\n"},
	} {
		words.SetLang(tt.lang)
		var b strings.Builder
		if s := fail(&b, tt.err); s != 1 {
			t.Errorf("%v %v: status %d", tt.lang, tt.err, s)
		}
		if b.String() != tt.want {
			t.Errorf("%v %v: said\n%q, want\n%q", tt.lang, tt.err, b.String(), tt.want)
		}
	}
}
