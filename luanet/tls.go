package luanet

import (
	"crypto/tls"
	"net"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/tlsx"
	"github.com/socklab/socklab/words"
)

// tlsClient gathers net.connect's TLS options.
type tlsClient struct {
	on, set    bool // tls = true; any TLS option given
	verify     bool
	noVerify   bool
	servername string
	ca         string
}

// option takes one of connect's TLS options; false for another option.
func (t *tlsClient) option(L *lua.LState, k string, v lua.LValue) bool {
	switch k {
	case "tls":
		t.on = lua.LVAsBool(v)
	case "verify":
		t.verify, t.noVerify = lua.LVAsBool(v), !lua.LVAsBool(v)
	case "servername", "ca":
		s, ok := v.(lua.LString)
		if !ok {
			raise(L, "bad option '"+k+"' to 'connect' (string expected, got "+v.Type().String()+")")
		}
		if k == "ca" {
			t.ca = string(s)
		} else {
			t.servername = string(s)
		}
	default:
		return false
	}
	t.set = true
	return true
}

// config returns the client's TLS configuration, nil without tls = true:
// the certificate is verified unless verify = false.
func (t *tlsClient) config(L *lua.LState, addr, proto string) *tls.Config {
	if !t.on {
		if t.set {
			raise(L, "bad options to 'connect' ("+words.T("lua.tls_options")+")")
		}
		return nil
	}
	if strings.HasPrefix(proto, "udp") {
		raise(L, "bad option 'tls' to 'connect' ("+words.T("tls.udp")+")")
	}
	host, _, _ := net.SplitHostPort(addr)
	cfg, err := tlsx.Client(tlsx.ClientOptions{Verify: !t.noVerify, ServerName: t.servername, CAFile: t.ca, Host: host})
	if err != nil {
		raise(L, "bad option 'ca' to 'connect' ("+say.Error(err)+")")
	}
	return cfg
}

// serverTLS reads net.listen's tls option: true (a self-signed
// certificate for the run) or {cert = FILE, key = FILE}; nil without it.
func serverTLS(L *lua.LState, v lua.LValue, proto string) *tls.Config {
	var cert, key string
	switch o := v.(type) {
	case *lua.LNilType:
		return nil
	case lua.LBool:
		if !bool(o) {
			return nil
		}
	case *lua.LTable:
		c, k := o.RawGetString("cert"), o.RawGetString("key")
		cs, ok1 := c.(lua.LString)
		ks, ok2 := k.(lua.LString)
		if !ok1 || !ok2 {
			raise(L, "bad option 'tls' to 'listen' ({cert = FILE, key = FILE} expected)")
		}
		cert, key = string(cs), string(ks)
	default:
		raise(L, "bad option 'tls' to 'listen' (true or {cert = FILE, key = FILE} expected)")
	}
	if strings.HasPrefix(proto, "udp") {
		raise(L, "bad option 'tls' to 'listen' ("+words.T("tls.udp")+")")
	}
	cfg, _, err := tlsx.Server(cert, key)
	if err != nil {
		raise(L, "bad option 'tls' to 'listen' ("+say.Error(err)+")")
	}
	return cfg
}
