package repl

import (
	"strings"
	"testing"

	"github.com/socklab/socklab/words"
)

// TestIfaces lists the loopback interface with its address.
func TestIfaces(t *testing.T) {
	s, out := testSession(t, false)
	got := mustExec(t, s, out, "ifaces")
	if !strings.Contains(got, "127.0.0.1/8") || !strings.Contains(got, "up loopback") || !strings.Contains(got, "hint:") {
		t.Fatalf("ifaces:\n%s", got)
	}
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	if got := mustExec(t, s, out, "ifaces"); !strings.Contains(got, "ESTADO") || !strings.Contains(got, "ativa loopback") {
		t.Fatalf("ifaces in Portuguese:\n%s", got)
	}
}

// TestHelpStates shows all eleven states, and marks those seen.
func TestHelpStates(t *testing.T) {
	s, out := testSession(t, false)
	got := mustExec(t, s, out, "help states")
	for _, st := range []string{"CLOSED", "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSING", "TIME_WAIT", "CLOSE_WAIT", "LAST_ACK"} {
		if !strings.Contains(got, " "+st) {
			t.Errorf("help states lacks %s", st)
		}
	}
	if strings.Contains(got, "*LISTEN") {
		t.Fatalf("LISTEN marked before any listen:\n%s", got)
	}
	mustExec(t, s, out, "listen 127.0.0.1:0")
	if got := mustExec(t, s, out, "help states"); !strings.Contains(got, "*LISTEN") {
		t.Fatalf("LISTEN not marked after listen:\n%s", got)
	}
}
