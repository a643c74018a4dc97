package repl

import (
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/socklab/socklab/capture"
	"github.com/socklab/socklab/words"
)

// canCapture skips the test when this process may not open a packet socket.
func canCapture(t *testing.T) {
	t.Helper()
	sn, err := capture.Open(capture.Config{})
	if errors.Is(err, os.ErrPermission) {
		t.Skip("capturing needs root or CAP_NET_RAW (CI runs as root)")
	}
	if err != nil {
		t.Fatal(err)
	}
	sn.Close()
}

// TestCaptureSession captures a session's connection as a person would:
// the handshake, data, FIN and then a reset (a close with unread data) are
// each printed once, the ladder draws them, and tcpdump reads the pcap
// file back with the same packets.
func TestCaptureSession(t *testing.T) {
	canCapture(t)
	s, out := testSession(t, false)
	pcap := filepath.Join(t.TempDir(), "lab.pcap")
	lst := mustExec(t, s, out, "listen 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(lst)[1]
	mustExec(t, s, out, "capture "+pcap)
	mustExec(t, s, out, "connect 127.0.0.1:"+port+"; accept; send 2 hello; recv 3; close 2; recv 3; close 3")
	mustExec(t, s, out, "connect 127.0.0.1:"+port+"; accept; send 4 abc; close 5")
	lad := mustExec(t, s, out, "ladder 2")
	got := mustExec(t, s, out, "capture off")
	all := out.everything()

	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^ *\d+\.\d{6} .*? (?:\[TCP [^\]]+\] )*\[([A-Z, ]+)\] Seq=`).FindAllStringSubmatch(all, -1) {
		flags = append(flags, m[1])
	}
	want := []string{"SYN", "SYN, ACK", "ACK", "PSH, ACK", "ACK", "FIN, ACK"}
	if len(flags) < 10 || strings.Join(flags[:6], "|") != strings.Join(want, "|") {
		t.Fatalf("packets %q, want them to start %q\n%s", flags, want, all)
	}
	if !strings.Contains(all, `Len=5 "hello"`) || !regexp.MustCompile(`\[TCP Reset\] \[RST, ACK\]`).MatchString(all) {
		t.Fatalf("no data preview or no reset:\n%s", all)
	}
	if !regexp.MustCompile(`\[2\] \d+ → \[3\] ` + port + ` \[PSH, ACK\]`).MatchString(all) {
		t.Fatalf("the data segment does not name sockets [2] and [3]:\n%s", all)
	}
	if !strings.Contains(lad, "TIME_WAIT") || !strings.Contains(lad, "SYN_SENT") || rungs(lad) != 9 { // the states before, and 8 packets
		t.Fatalf("ladder 2 (%d rows):\n%s", rungs(lad), lad)
	}
	if !strings.Contains(got, fmt.Sprintf("%d packets shown", len(flags))) {
		t.Fatalf("capture off says %q after %d packet lines", got, len(flags))
	}

	tcpdump, err := osexec.LookPath("tcpdump")
	if err != nil {
		t.Skip("tcpdump is not installed: the pcap file is not read back")
	}
	dump, err := osexec.Command(tcpdump, "-nn", "-r", pcap, "tcp port "+port).CombinedOutput()
	if err != nil {
		t.Fatalf("tcpdump: %v\n%s", err, dump)
	}
	var tflags []string
	for _, m := range regexp.MustCompile(`Flags \[([^\]]+)\]`).FindAllStringSubmatch(string(dump), -1) {
		tflags = append(tflags, m[1])
	}
	var mine []string
	letters := strings.NewReplacer("SYN", "S", "FIN", "F", "PSH", "P", "RST", "R", "ACK", ".", ", ", "")
	for _, f := range flags {
		mine = append(mine, letters.Replace(f))
	}
	if strings.Join(tflags, " ") != strings.Join(mine, " ") {
		t.Fatalf("tcpdump reads %q, socklab showed %q\n%s", tflags, mine, dump)
	}
	if !strings.Contains(string(dump), "length 5") || !strings.Contains(string(dump), "length 3") {
		t.Fatalf("tcpdump does not see the data:\n%s", dump)
	}
}

// TestCaptureExplain checks that explain on narrates the handshake.
func TestCaptureExplain(t *testing.T) {
	canCapture(t)
	s, out := testSession(t, false)
	lst := mustExec(t, s, out, "listen 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(lst)[1]
	mustExec(t, s, out, "capture on; explain on; connect 127.0.0.1:"+port)
	mustExec(t, s, out, "ladder")
	all := out.everything()
	for _, w := range []string{"step 1 of the three-way handshake", "step 2 of", "step 3 of"} {
		if !strings.Contains(all, w) {
			t.Fatalf("explain does not say %q:\n%s", w, all)
		}
	}
}

// rungs counts a ladder's rows: lines with both bars.
func rungs(ladder string) int {
	n := 0
	for _, l := range strings.Split(ladder, "\n") {
		if strings.Count(l, "|") == 2 {
			n++
		}
	}
	return n
}

// TestLadderInRecord: with record on, ladder puts the diagram into the
// report as a Mermaid sequenceDiagram, after the text one.
func TestLadderInRecord(t *testing.T) {
	canCapture(t)
	s, out := testSession(t, false)
	report := filepath.Join(t.TempDir(), "report.md")
	lst := mustExec(t, s, out, "listen 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(lst)[1]
	mustExec(t, s, out, "record "+report+"; capture on; connect 127.0.0.1:"+port+"; close; ladder; record off")
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	i, j := strings.Index(md, "```mermaid\nsequenceDiagram\n"), strings.Index(md, "## 4. `ladder`")
	if i < 0 || j < 0 || i < j || !strings.Contains(md[i:], "L->>R: SYN Seq=0\n") || !strings.Contains(md[i:], "Note left of L: SYN_SENT\n") {
		t.Fatalf("report:\n%s", md)
	}
}

// TestCapturePacketsFollowTheirCommand: a command's packets are shown
// before the command ends: connect's handshake with connect, close's FIN
// with close, as in a -c line or a script, where the next command used to
// run before them. (The handshake's client side may have no id yet: the
// socket is filed once connect returns.)
func TestCapturePacketsFollowTheirCommand(t *testing.T) {
	canCapture(t)
	s, out := testSession(t, false)
	lst := mustExec(t, s, out, "listen 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(lst)[1]
	mustExec(t, s, out, "capture on")
	for i := range 20 { // the ordering must hold every time, not by luck
		conn := mustExec(t, s, out, "connect 127.0.0.1:"+port)
		for _, re := range []string{`→ \[1\] ` + port + ` \[SYN\]`, `\[1\] ` + port + ` → .*\[SYN, ACK\]`, `→ \[1\] ` + port + ` \[ACK\]`} {
			if !regexp.MustCompile(re).MatchString(conn) {
				t.Fatalf("round %d: no %s in connect's output:\n%s", i, re, conn)
			}
		}
		if cl := mustExec(t, s, out, "close"); !regexp.MustCompile(`→ \[1\] ` + port + ` \[FIN, ACK\]`).MatchString(cl) {
			t.Fatalf("round %d: no FIN in close's output:\n%s", i, cl)
		}
	}
	mustExec(t, s, out, "capture off")
}

// TestCaptureFileFull: a capture file on a full disk (/dev/full) is said
// once, not once a packet, the capture goes on, and capture off does not
// send the person to a file that holds nothing.
func TestCaptureFileFull(t *testing.T) {
	canCapture(t)
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full:", err)
	}
	s, out := testSession(t, false)
	pcap := filepath.Join(t.TempDir(), "full.pcap")
	if err := os.Symlink("/dev/full", pcap); err != nil {
		t.Fatal(err)
	}
	lst := mustExec(t, s, out, "listen 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(lst)[1]
	mustExec(t, s, out, "capture "+pcap+"; connect 127.0.0.1:"+port)
	big := strings.Repeat("x", 3000) // the pcap writer's buffer holds 4096 bytes
	for range 5 {
		mustExec(t, s, out, "send "+big)
	}
	off := mustExec(t, s, out, "capture off")
	all := out.everything()
	if n := strings.Count(all, "no space left on device"); n != 1 {
		t.Fatalf("the full disk was said %d times:\n%s", n, all)
	}
	if !strings.Contains(all, "shown but not written") || !strings.Contains(off, "writing "+pcap+" failed") || strings.Contains(off, "open it in Wireshark") {
		t.Fatalf("capture off after a full disk:\n%s", all)
	}
}

// TestCaptureFileBound: a capture file stops at captureFileMax, says so
// once, goes on showing the packets, and tshark-like readers find the file
// whole and within the bound.
func TestCaptureFileBound(t *testing.T) {
	canCapture(t)
	old := captureFileMax
	captureFileMax = 1 << 20
	t.Cleanup(func() { captureFileMax = old })
	s, out := testSession(t, false)
	pcap := filepath.Join(t.TempDir(), "bound.pcap")
	lst := mustExec(t, s, out, "listen 127.0.0.1:0")
	port := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(lst)[1]
	mustExec(t, s, out, "capture "+pcap+"; connect 127.0.0.1:"+port+"; accept 1")
	big := strings.Repeat("x", 60000) + "!"
	for range 30 { // 1.8 MB, read as it comes
		mustExec(t, s, out, "send 2 "+big+"; recv 3 70000 --until ! --timeout 5s")
	}
	mustExec(t, s, out, "capture off")
	all := out.everything()
	if n := strings.Count(all, "reached 1 MiB"); n != 1 {
		t.Fatalf("the bound was said %d times:\n%s", n, all)
	}
	st, err := os.Stat(pcap)
	if err != nil || st.Size() > captureFileMax || st.Size() < captureFileMax-70000 {
		t.Fatalf("the file: %v, %v bytes (bound %d)", err, st.Size(), captureFileMax)
	}
}

// TestCaptureFileCannotCreate: a capture file that cannot be created (a
// directory, a folder that does not exist) gets one error in the
// session's language, with no Go words ("open ..."), and a hint; the
// capture stays off.
func TestCaptureFileCannotCreate(t *testing.T) {
	canCapture(t)
	s, out := testSession(t, false)
	dir := filepath.Join(t.TempDir(), "d.pcap")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	for path, why := range map[string]string{dir: "é um diretório", filepath.Join(dir, "no", "x.pcap"): "inexistente"} {
		got, err := exec(t, s, out, "capture "+path)
		msg := s.formatError(err)
		if err == nil || !strings.Contains(msg, "não foi possível criar "+path+": ") || !strings.Contains(msg, why) ||
			strings.Contains(msg, "open ") || !strings.Contains(msg, "dica: capture ARQUIVO.pcap cria") {
			t.Fatalf("capture %s:\n%s%s", path, got, msg)
		}
		if st := mustExec(t, s, out, "capture"); !strings.Contains(st, "desligada") {
			t.Fatalf("after the failure: %s", st)
		}
	}
}

// TestCaptureUDPFilterHint: a capture of UDP alone ends with Wireshark's
// filter for UDP (it said "tcp.port == PORT", which keeps nothing of it).
func TestCaptureUDPFilterHint(t *testing.T) {
	canCapture(t)
	s, out := testSession(t, false)
	mustExec(t, s, out, "listen udp 127.0.0.1:0")
	port := regexp.MustCompile(`udp bound 127\.0\.0\.1:(\d+)`).FindStringSubmatch(out.everything())[1]
	pcap := filepath.Join(t.TempDir(), "udp.pcap")
	mustExec(t, s, out, "capture "+pcap+"; sendto 127.0.0.1:"+port+" hi")
	if off := mustExec(t, s, out, "capture off"); !strings.Contains(off, "filter with udp.port == "+port) {
		t.Fatalf("capture off:\n%s", off)
	}
}
