package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmptyHostBindsIPv4Any: an empty host binds 0.0.0.0 for TCP and UDP
// alike, in the shell and in Lua, as Python's bind(("", port)) and nc -l
// do (Go alone would bind UDP to [::]); tcp6 and udp6 bind [::]. In a
// namespace of its own, as it binds every interface.
func TestEmptyHostBindsIPv4Any(t *testing.T) {
	script := filepath.Join(t.TempDir(), "u.lua")
	if err := os.WriteFile(script, []byte(`print("lua", net.udp():localaddr(), net.udp(":7006"):localaddr())`), 0o600); err != nil {
		t.Fatal(err)
	}
	bin := socklabBin(t)
	out, err := inNetns(t, bin+` -c 'listen udp :7003; listen 7005; listen udp6 :7004; listen tcp6 7007' && `+bin+" "+script)
	if err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	for _, want := range []string{"udp bound 0.0.0.0:7003", "tcp listen 0.0.0.0:7005", "udp6 bound [::]:7004", "tcp6 listen [::]:7007", "lua\t0.0.0.0\t", "\t0.0.0.0\t7006"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}
