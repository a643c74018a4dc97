package luanet

import (
	"strings"
	"testing"

	"github.com/socklab/socklab/internal/testnet"
)

// TestReasonsEscaped: a reason that quotes what the script passed (an
// address with NUL, BEL or ESC) is escaped as the shell escapes its errors,
// so printing it cannot drive the terminal. Such a host is refused before
// any lookup leaves the machine.
func TestReasonsEscaped(t *testing.T) {
	testnet.NeedUDP(t)
	out, _, err := runLua(t, `
		print(net.connect("127.0.0.1\0:80"))
		print(net.listen("tcp", "127.0.0.1\7:0"))
		local p = assert(net.udp("127.0.0.1:0"))
		print(p:sendto("x", "127.0.0.1\27:9"))
	`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range out {
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			t.Fatalf("raw control %q in %q", c, out)
		}
	}
	for _, want := range []string{`127.0.0.1\x00`, `127.0.0.1\x07`, `127.0.0.1\x1b`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in %q", want, out)
		}
	}
}
