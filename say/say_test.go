package say

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/words"
)

// TestConnectMeaningNotUDP: a TCP connect whose state the system does not
// report (Windows before its table is read) is not called UDP.
func TestConnectMeaningNotUDP(t *testing.T) {
	tcp := netops.Call{Name: "connect", Args: "fd 3, 127.0.0.1:9", Proto: "tcp"}
	if m := Call(tcp); strings.Contains(m, "UDP") || m == "" {
		t.Errorf("TCP connect with no state: %q", m)
	}
	if m := Call(netops.Call{Name: "connect", Proto: "udp"}); !strings.Contains(m, "UDP") {
		t.Errorf("UDP connect: %q", m)
	}
	if m := Call(netops.Call{Name: "connect"}); strings.Contains(m, "UDP") {
		t.Errorf("connect of unknown protocol and state: %q", m)
	}
}

// TestErrorInBothLanguages renders netops' facts: the operation prefix
// stays, the cause is said in the chosen language, a wrapper's own words
// are kept.
func TestErrorInBothLanguages(t *testing.T) {
	defer words.SetLang(words.EN)
	refused := &netops.OpError{Op: "connect", Net: "tcp", Addr: "127.0.0.1:1", Err: syscall.ECONNREFUSED}
	_, bad := netops.ParseAddr("nohost")
	plain, other := net.Pipe() // the connection a RecordHeaderError names
	defer plain.Close()
	defer other.Close()
	for _, c := range []struct {
		lang     words.Lang
		err      error
		want     string
		meanings string
	}{
		{words.EN, refused, "connect tcp 127.0.0.1:1: connection refused", "nothing listens"},
		{words.PT, refused, "connect tcp 127.0.0.1:1: conexão recusada", "ninguém escuta"},
		{words.EN, bad, `bad address "nohost": want HOST:PORT, :PORT or PORT`, ""},
		{words.PT, bad, `endereço inválido "nohost": use HOST:PORTA, :PORTA ou PORTA`, ""},
		{words.PT, fmt.Errorf("%w: netstat", netops.ErrNotAvailable), "não disponível em " + runtime.GOOS + ": netstat", ""},
		{words.PT, &netops.OpError{Op: "option", ID: 1, Err: netops.ErrNoSuchOption}, "[1] option: não disponível em " + runtime.GOOS + ": essa opção de socket não existe", ""},
		{words.PT, fmt.Errorf("%w (WSAEINVAL)", netops.ErrNoHandOver), "não disponível em " + runtime.GOOS + ": o socket não pode ser entregue ao runtime do Go (WSAEINVAL)", ""},
		{words.PT, &netops.OpError{Op: "recv", ID: 1, Err: &netops.InputError{What: "delimiter", Want: "nonempty"}}, "[1] recv: delimitador vazio: dê pelo menos um byte", ""},
		{words.PT, &netops.OpError{Op: "recv", ID: 3, Err: netops.ErrBudget}, "[3] recv: orçamento de memória esgotado", ""},
		{words.EN, &netops.OpError{Op: "connect", Net: "tcp", Addr: "x.invalid:80", Err: &net.DNSError{Name: "x.invalid", Err: "no such host", IsNotFound: true}},
			`connect tcp x.invalid:80: no host is named "x.invalid": neither the hosts file nor DNS knows that name (check the spelling, or give an IP address)`, ""},
		{words.PT, &net.DNSError{Name: "x.invalid", Err: "i/o timeout", IsTimeout: true}, `a consulta do nome "x.invalid" esgotou o tempo: nenhum servidor DNS respondeu`, ""},
		{words.PT, &netops.OpError{Op: "recv", ID: 2, Err: &netops.KindError{Op: "recv", ID: 2, Kind: netops.KindListener, Need: "conn"}}, "[2] recv: [2] é um listener; recv funciona em conexões", ""},
		{words.PT, tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake", RecordHeader: [5]byte{'G', 'E', 'T', ' ', '/'}, Conn: plain},
			`o par não fala TLS: os primeiros bytes dele foram "GET /"`, ""},
		{words.PT, &netops.OpError{Op: "option", ID: 1, Net: "udp", Addr: "127.0.0.1:5", Err: syscall.ENOPROTOOPT}, "[1] option udp 127.0.0.1:5: protocolo não disponível", "TCP_NODELAY"},
		{words.PT, &net.OpError{Op: "listen", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5}, Err: os.NewSyscallError("bind", syscall.EADDRINUSE)},
			"listen tcp 127.0.0.1:5: endereço já em uso", "TIME_WAIT"},
		{words.PT, &os.PathError{Op: "open", Path: "x.lua", Err: syscall.ENOENT}, "x.lua: arquivo ou diretório inexistente", ""},
		{words.PT, fmt.Errorf("record: %w", &os.PathError{Op: "open", Path: "/d/r.md", Err: syscall.EISDIR}), "record: /d/r.md: é um diretório", ""},
	} {
		words.SetLang(c.lang)
		if got := Error(c.err); got != c.want {
			t.Errorf("%v: Error = %q, want %q", c.lang, got, c.want)
		}
		if m := Meaning(c.err); !strings.Contains(m, c.meanings) || (c.meanings == "") != (m == "") {
			t.Errorf("%v: Meaning(%v) = %q, want it to hold %q", c.lang, c.err, m, c.meanings)
		}
	}
}

// TestCallLine: what a traced call's C form leaves unsaid (the end of the
// stream, the peer, a failure's cause without errno) is said in the
// language; the errno form stays as C writes it.
func TestCallLine(t *testing.T) {
	defer words.SetLang(words.EN)
	for _, c := range []struct {
		lang words.Lang
		call netops.Call
		want string
	}{
		{words.EN, netops.Call{Name: "recv", Args: "fd 5", Result: "0", EOF: true}, "recv(fd 5) = 0 (end of stream)"},
		{words.PT, netops.Call{Name: "recv", Args: "fd 5", Result: "0", EOF: true}, "recv(fd 5) = 0 (fim do fluxo)"},
		{words.PT, netops.Call{Name: "accept", Args: "fd 3", Result: "fd 6", Peer: "127.0.0.1:40112"}, "accept(fd 3) = fd 6, par 127.0.0.1:40112"},
		{words.PT, netops.Call{Name: "recvfrom", Args: "fd 3, 4096", Result: "4 bytes", Peer: "127.0.0.1:9"}, "recvfrom(fd 3, 4096) = 4 bytes de 127.0.0.1:9"},
		{words.PT, netops.Call{Name: "recv", Args: "fd 5", Err: netops.ErrTimeout}, "recv(fd 5) falhou: tempo esgotado"},
		{words.PT, netops.Call{Name: "connect", Args: "fd 5, 127.0.0.1:9", Err: syscall.ECONNREFUSED}, "connect(fd 5, 127.0.0.1:9) = -1 ECONNREFUSED"},
	} {
		words.SetLang(c.lang)
		if got := CallLine(c.call); got != c.want {
			t.Errorf("%v: CallLine = %q, want %q", c.lang, got, c.want)
		}
	}
}

// TestCompleteUpTo: a cut never splits a UTF-8 character; whole text, and
// bytes that are no UTF-8 at all, are kept whole.
func TestCompleteUpTo(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"conex\xc3", 5},         // ã cut after its first byte
		{"conexão", 8},           // whole
		{"a\xe2\x82", 1},         // € cut after two of its three bytes
		{"a\xf0\x9f\x98", 1},     // an emoji cut after three of four
		{"a\xf0\x9f\x98\x80", 5}, // whole
		{"a\xff", 2},             // not UTF-8: nothing to wait for
	} {
		if got := CompleteUpTo([]byte(c.in)); got != c.want {
			t.Errorf("CompleteUpTo(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}
