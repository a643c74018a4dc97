package check

import (
	"strings"
	"testing"
	"time"
)

// referenceFiles maps each exercise to its reference program.
var referenceFiles = map[string]string{
	"echo-server":        "echo_server",
	"echo-client":        "echo_client",
	"fixed-reply-server": "fixed_reply_server",
	"retry-client":       "retry_client",
	"chat-client":        "chat_client",
	"multiclient-server": "multiclient_server",
	"udp-server":         "udp_server",
	"udp-client":         "udp_client",
	"number-server":      "number_server",
	"number-client":      "number_client",
}

// TestReferencePrograms checks every exercise against the course's
// programs (examples/python): every case must pass.
func TestReferencePrograms(t *testing.T) {
	needPython(t)
	for _, x := range Exercises() {
		t.Run(x.Name, func(t *testing.T) {
			t.Parallel()
			port := freePort(t)
			rep := check(t, x.Name, port, python(example(referenceFiles[x.Name]), port)...)
			if !rep.Passed {
				t.Fatalf("the reference program fails:\n%s", text(rep))
			}
			if len(rep.Cases) != len(x.cases) {
				t.Fatalf("%d verdicts for %d cases", len(rep.Cases), len(x.cases))
			}
			t.Logf("%d cases", len(rep.Cases))
		})
	}
}

// TestOneClientServerAtAddress: the course's echo server serves one client
// and exits; checked at an address (no command), the first case passes and
// the next says why it cannot connect and what to do.
func TestOneClientServerAtAddress(t *testing.T) {
	needPython(t)
	port := freePort(t)
	p, err := startProgram(python(example("echo_server"), port), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer p.stop()
	waitOutput(t, p, "Listen")
	rep := check(t, "echo-server", port)
	if !rep.Cases[0].Passed {
		t.Fatalf("the first case fails:\n%s", text(rep))
	}
	if rep.Passed || !strings.Contains(strings.Join(details(rep.Cases[1]), " "), "-- python3") {
		t.Fatalf("the second case should fail and point to -- COMMAND:\n%s", text(rep))
	}
}

// waitOutput waits (bounded) until the program has printed s.
func waitOutput(t *testing.T, p *program, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(p.stdout.String(), s) {
		if time.Now().After(deadline) || p.exited() {
			t.Fatalf("the program did not print %q: %s", s, p.tail(5))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
