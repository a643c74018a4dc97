package repl

import (
	"io"
	osexec "os/exec"
	"strings"
	"testing"
	"time"
)

// TestInteractReadsJoin: interact shows a character that one read cut in
// two as the character ("conex\xc3" then "\xa3o" showed as the invalid
// bytes "\xc3" and "\xa3"), and a "\r\n" cut in two as the end of the
// line it ends (it showed an empty line); a "\r" that ends nothing is shown.
func TestInteractReadsJoin(t *testing.T) {
	bin, err := osexec.LookPath("socklab") // the test binary as socklab (see TestMain)
	if err != nil {
		t.Skip("socklab not in PATH:", err)
	}
	ln, addr := peerListener(t)
	cmd := osexec.Command(bin)
	cmd.Stdin = strings.NewReader("connect " + addr + "\ninteract\n") // interact shows what comes until the peer closes
	out := &syncBuffer{}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	copied := make(chan struct{})
	go func() { io.Copy(out, stdout); close(copied) }()
	peer := acceptOne(t, ln)
	waitFor(t, out, "interact: typed lines")
	// Each piece is sent once the one before it is shown: they come in
	// reads of their own.
	for _, p := range []struct{ send, shown string }{
		{"um: conex\xc3", "um: conex"},
		{"\xa3o dois\r", "o dois"},
		{"\ntr\xc3\xaas\r", "três"},
	} {
		peer.Write([]byte(p.send))
		waitFor(t, out, p.shown)
	}
	peer.Close()
	select {
	case <-copied:
	case <-time.After(10 * time.Second):
		t.Fatalf("socklab did not end after the peer closed:\n%s", out.everything())
	}
	got := out.everything()
	for _, want := range []string{"um: conex\não dois\ntrês\n\\r\n"} {
		if !strings.Contains(got, want) {
			t.Fatalf("interact showed:\n%s\nwant the lines %q", got, want)
		}
	}
}
