package netcat

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"

	"github.com/socklab/socklab/words"
)

// noDNS is a resolver that asks no DNS server, so a name lookup never
// leaves the machine and fails at once; the hosts file still answers.
var noDNS = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
	return nil, errors.New("tests ask no DNS server: use an IP address")
}}

// nxdomain is a resolver whose DNS server, in this process, answers every
// query "no such name" (NXDOMAIN). It talks over an in-memory pipe (DNS's
// TCP framing: a 2-byte length, then the message), not a socket.
func nxdomain() *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		client, server := net.Pipe()
		go func() {
			defer server.Close()
			for {
				var size [2]byte
				if _, err := io.ReadFull(server, size[:]); err != nil {
					return
				}
				msg := make([]byte, binary.BigEndian.Uint16(size[:]))
				if _, err := io.ReadFull(server, msg); err != nil || len(msg) < 12 {
					return
				}
				msg[2] |= 0x80       // QR: a response, to the same id and question
				msg[3] = 0x80 | 0x03 // RA, RCODE 3: NXDOMAIN
				if _, err := server.Write(append(size[:], msg...)); err != nil {
					return
				}
			}
		}()
		return client, nil
	}}
}

// TestUnresolvableHost: a host name that cannot be looked up is said in the
// catalog's words, in the language chosen (it was Go's English: "lookup
// nosuchhost.invalid on 10.0.0.53:53: no such host"), status 1 as nc.
func TestUnresolvableHost(t *testing.T) {
	defer words.SetLang(words.EN)
	nx := nxdomain()
	defer func(r *net.Resolver) { net.DefaultResolver = r }(net.DefaultResolver)
	for _, tt := range []struct {
		name     string
		resolver *net.Resolver
		lang     words.Lang
		want     string
	}{
		{"not found", nx, words.EN, `socklab nc: connect to nosuchhost.invalid port 80 (tcp) failed: no host is named "nosuchhost.invalid": neither the hosts file nor DNS knows that name (check the spelling, or give an IP address)` + "\n"},
		{"not found", nx, words.PT, `socklab nc: a conexão a nosuchhost.invalid porta 80 (tcp) falhou: nenhum host se chama "nosuchhost.invalid": nem o arquivo hosts nem o DNS conhecem esse nome (confira a grafia, ou dê um endereço IP)` + "\n"},
		{"no server", noDNS, words.EN, `socklab nc: connect to nosuchhost.invalid port 80 (tcp) failed: looking up "nosuchhost.invalid" failed: the DNS server could not be reached or gave no usable answer` + "\n"},
		{"no server", noDNS, words.PT, `socklab nc: a conexão a nosuchhost.invalid porta 80 (tcp) falhou: a consulta do nome "nosuchhost.invalid" falhou: o servidor DNS não pôde ser alcançado ou não deu uma resposta utilizável` + "\n"},
	} {
		words.SetLang(tt.lang)
		net.DefaultResolver = tt.resolver
		r := start(t, nil, "nosuchhost.invalid", "80")
		if s := r.status(t); s != 1 {
			t.Fatalf("%s %v: status %d, want 1", tt.name, tt.lang, s)
		}
		if got := r.stderr.String(); got != tt.want {
			t.Errorf("%s %v:\n got %q\nwant %q", tt.name, tt.lang, got, tt.want)
		}
	}
}
