package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestScriptsInPortuguese runs the course's echo server and client as a
// student would with LANG=pt_BR.UTF-8: what they print is Portuguese (it
// was English whatever the language), the Lua API's reasons ("refused")
// staying as scripts compare them.
func TestScriptsInPortuguese(t *testing.T) {
	bin := socklabBin(t)
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "NO_COLOR=1", "LANG=pt_BR.UTF-8"}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv := exec.CommandContext(ctx, bin, "scripts/echo.lua", "127.0.0.1:0", "--once")
	srv.Env = env
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Wait()
	defer srv.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("the server printed nothing: %v", lines.Err())
	}
	m := regexp.MustCompile(`^escutando em (127\.0\.0\.1:\d+)$`).FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("server's first line %q, want escutando em ADDR", lines.Text())
	}
	cl := exec.CommandContext(ctx, bin, "scripts/echo_client.lua", m[1], "olá")
	cl.Env = env
	out, err := cl.CombinedOutput()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`(?m)^conectado de 127\.0\.0\.1:\d+ a ` + regexp.QuoteMeta(m[1]) + "\n" + `Recebido "olá"$`).Match(out) {
		t.Errorf("client printed:\n%s", out)
	}
	var server []string
	for lines.Scan() {
		server = append(server, lines.Text())
	}
	want := regexp.MustCompile(`^\[\d+\] cliente 127\.0\.0\.1:\d+ conectado\n\[\d+\] recebido "olá"\n\[\d+\] o cliente 127\.0\.0\.1:\d+ fechou a conexão$`)
	if got := strings.Join(server, "\n"); !want.MatchString(got) {
		t.Errorf("server printed:\n%s", got)
	}

	cl = exec.CommandContext(ctx, bin, "scripts/echo_client.lua", "127.0.0.1:1")
	cl.Env = env
	out, _ = cl.CombinedOutput()
	if !strings.Contains(string(out), "não foi possível conectar a 127.0.0.1:1: refused (o servidor está rodando? inicie-o antes: socklab scripts/echo.lua 127.0.0.1:1)") {
		t.Errorf("a client without server printed:\n%s", out)
	}
}
