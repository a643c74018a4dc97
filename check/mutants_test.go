package check

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// mutants are the typical mistakes, each a small edit of a reference
// program, and the case that must fail because of it.
var mutants = []struct {
	name, exercise, file string
	edit                 []string // old, new, ...
	fails                string   // the case that names the mistake
	says                 string   // a piece of its explanation
}{
	{"added newline", "echo-server", "echo_server", []string{"conn.sendall(data)", `conn.sendall(data + b"\n")`}, "hello", `ends with "\n"`},
	{"upper case", "echo-server", "echo_server", []string{"conn.sendall(data)", "conn.sendall(data.upper())"}, "hello", "case"},
	{"truncated reply", "echo-server", "echo_server", []string{"conn.sendall(data)", "conn.sendall(data[:-1])"}, "hello", "cut short"},
	{"reply in two writes", "echo-server", "echo_server", []string{"conn.sendall(data)", "conn.sendall(data[:3]); time.sleep(0.05); conn.sendall(data[3:])", "import socket", "import socket, time"}, "hello", "in 2 pieces"},
	{"reply byte by byte", "echo-server", "echo_server", []string{"conn.sendall(data)", "[conn.sendall(bytes([b])) or time.sleep(0.02) for b in data]", "import socket", "import socket, time"}, "hello", `only the first, "H" (1 byte)`},
	{"reply twice", "echo-server", "echo_server", []string{"conn.sendall(data)", "conn.sendall(data); conn.sendall(data)"}, "hello", ""},
	{"prints instead of sending", "echo-server", "echo_server", []string{"conn.sendall(data)", "print(data.decode())"}, "hello", `printed "Hello, world" (12 bytes) on its output instead of sending it: print writes to the terminal; send the reply on the network (sendall for TCP`},
	{"crash after the first reply", "echo-server", "echo_server", []string{"conn.sendall(data)", "conn.sendall(data); data.no_such_thing()"}, "session", "| AttributeError: 'bytes' object has no attribute 'no_such_thing'"},
	{"no reply", "echo-server", "echo_server", []string{"conn.sendall(data)", "pass"}, "hello", "nothing came back"},
	{"close at first data", "echo-server", "echo_server", []string{"conn.sendall(data)", "break"}, "hello", "closed without a reply"},
	{"server closes after one reply", "echo-server", "echo_server", []string{"conn.sendall(data)", "conn.sendall(data); break"}, "session", ""},
	{"fixed reply with newline", "fixed-reply-server", "fixed_reply_server", []string{`b"SERVER OK - STATUS 200"`, `b"SERVER OK - STATUS 200\r\n"`}, "reply", "hex"},
	{"fixed reply lower case", "fixed-reply-server", "fixed_reply_server", []string{`b"SERVER OK - STATUS 200"`, `b"server ok - status 200"`}, "reply", "case"},
	{"fixed reply never closes", "fixed-reply-server", "fixed_reply_server", []string{"        conn.close()\n        break", "        continue"}, "client-closes", "kept the connection open"},
	{"fixed reply closes first", "fixed-reply-server", "fixed_reply_server", []string{`conn.sendall(b"SERVER OK - STATUS 200")`, `conn.sendall(b"SERVER OK - STATUS 200"); conn.close(); break`}, "client-closes", "before the client closed"},
	{"one client only", "multiclient-server", "multiclient_server", []string{"server.serve_forever()", "server.handle_request()"}, "many-clients", "stopped serving too early"},
	{"server not closing first", "multiclient-server", "multiclient_server", []string{"self.request.shutdown(socket.SHUT_WR)", "self.request.recv(1024)"}, "closes-first", "must close first"},
	{"no strip", "multiclient-server", "multiclient_server", []string{"data.strip().upper()", "data.upper()"}, "strip", ""},
	{"UDP reply from another socket", "udp-server", "udp_server", []string{"sock.sendto(data.upper(), self.client_address)", "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(data.upper(), self.client_address)", "import socketserver", "import socket, socketserver"}, "own-port", "another socket"},
	{"UDP server answers once and exits", "udp-server", "udp_server", []string{"server.serve_forever()", "server.handle_request()"}, "upper", "ended normally (exit status 0) before it answered"},
	{"UDP server prints instead of sending", "udp-server", "udp_server", []string{"sock.sendto(data.upper(), self.client_address)", "print(data.upper().decode(), flush=True)"}, "upper", `printed "PROBE" (5 bytes) on its output instead of sending it`},
	{"UDP echo without upper", "udp-server", "udp_server", []string{"data.upper()", "data"}, "upper", ""},
	{"number little-endian", "number-server", "number_server", []string{`int.from_bytes(data, "big")`, `int.from_bytes(data, "little")`}, "even", "swapped"},
	{"number little-endian, in decimal", "number-server", "number_server", []string{`int.from_bytes(data, "big")`, `int.from_bytes(data, "little")`}, "eleven-digits", "read little-endian"},
	{"PAR and ÍMPAR swapped", "number-server", "number_server", []string{"n % 2 == 0", "n % 2 == 1"}, "even", "swapped"},
	{"number: PAR or ÍMPAR whatever the digits (10)", "number-server", "number_server", []string{"        if count > 10:\n            conn.sendall(str(n).encode())\n        elif count < 10:", "        if True:"}, "ten-digits", `no reply at all, only the close, and your server sent "PAR" (3 bytes)`},
	{"number: PAR or ÍMPAR whatever the digits (11)", "number-server", "number_server", []string{"        if count > 10:\n            conn.sendall(str(n).encode())\n        elif count < 10:", "        if True:"}, "eleven-digits", "11 digits (more than 10) comes back in decimal"},
	{"number of 2 bytes only", "number-server", "number_server", []string{`int.from_bytes(data, "big")`, `int.from_bytes(data[:2], "big")`}, "nine-digits", ""},
	{"IMPAR without accent", "number-server", "number_server", []string{`"ÍMPAR".encode()`, `"IMPAR".encode()`}, "odd", "accented"},
	{"number server not closing first", "number-server", "number_server", []string{"        # exactly 10 digits: no reply", "        conn.recv(1024)"}, "closes-first", "must close first"},
	{"client without retry", "retry-client", "retry_client", []string{"        except OSError:", "        except ValueError:"}, "survives-refused", "ConnectionRefusedError"},
	{"retry on the same socket", "retry-client", "retry_client", []string{"    while True:\n        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # a new socket each time", "    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n    while True:"}, "fresh-socket", "same socket"},
	{"retry message with newline", "retry-client", "retry_client", []string{`"Testando conexão".encode()`, `"Testando conexão\n".encode()`}, "message", `ends with "\n"`},
	{"newline sent", "echo-client", "echo_client", []string{`s.sendall(b"Hello, world")`, `s.sendall(b"Hello, world\n")`}, "message", `ends with "\n"`},
	{"message in two writes", "echo-client", "echo_client", []string{`s.sendall(b"Hello, world")`, `s.sendall(b"Hello,"); __import__("time").sleep(0.05); s.sendall(b" world")`}, "message", "send the whole message with one sendall"},
	{"chat line in two writes", "chat-client", "chat_client", []string{"s.sendall(line.encode())", `s.sendall(line.encode()[:2]); __import__("time").sleep(0.05); s.sendall(line.encode()[2:])`}, "first-line", "the server's one recv(1024) gets only the first"},
	{"nothing sent", "echo-client", "echo_client", []string{`s.sendall(b"Hello, world")`, "pass"}, "message", "sent nothing"},
	{"closes without reading", "echo-client", "echo_client", []string{"data = s.recv(1024)", `data = b"Hello, world"`}, "reads-then-closes", "before the reply"},
	{"client reads until the close", "echo-client", "echo_client", []string{"data = s.recv(1024)", `data = b"".join(iter(lambda: s.recv(1024), b""))`}, "reads-then-closes", "a loop of recv until b''"},
	{"chat sends sair", "chat-client", "chat_client", []string{`        if line.lower() == "sair":
            break`, `        if line.lower() == "sair":
            s.sendall(line.encode())
            break`}, "sair", "without being sent"},
	{"chat newline sent", "chat-client", "chat_client", []string{"s.sendall(line.encode())", `s.sendall((line + "\n").encode())`}, "first-line", `ends with "\n"`},
	{"chat sends every line at once", "chat-client", "chat_client", []string{"s.sendall(line.encode())\n        data = s.recv(1024)", "s.sendall((line + \"\\n\").encode())\n        continue"}, "first-line", "before the server answered"},
	{"chat prints nothing", "chat-client", "chat_client", []string{`print("Recebido:", data.decode())`, "pass"}, "prints", "does not show"},
	{"UDP client without newline", "udp-client", "udp_client", []string{`(line + "\n").encode()`, "line.encode()"}, "datagram", `lacks the \n that the course's UDP client adds`},
	{"number in ASCII", "number-client", "number_client", []string{`n.to_bytes(2, "big")`, `str(n).encode()`}, "width", "as text"},
	{"number little-endian client", "number-client", "number_client", []string{`n.to_bytes(2, "big")`, `n.to_bytes(2, "little")`}, "big-endian", "little-endian"},
	{"number in 4 bytes", "number-client", "number_client", []string{`n.to_bytes(2, "big")`, `n.to_bytes(4, "big")`}, "width", "4 bytes"},
}

// TestMutants runs every typical mistake: its check must fail, and the
// case that names the mistake must be among the failing ones, explained.
func TestMutants(t *testing.T) {
	needPython(t)
	var caught atomic.Int32 // the subtests run in parallel
	t.Cleanup(func() { t.Logf("%d of %d mutants caught", caught.Load(), len(mutants)) })
	for _, m := range mutants {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			port := freePort(t)
			args := python(mutate(t, m.file, m.edit...), port)
			if m.exercise == "number-client" {
				args = append(args, "7")
			}
			rep := check(t, m.exercise, port, args...)
			ids := failed(rep)
			if rep.Passed || !slices.Contains(ids, m.fails) {
				t.Fatalf("want case %s to fail, failing: %v\n%s", m.fails, ids, text(rep))
			}
			i := slices.IndexFunc(rep.Cases, func(r Result) bool { return r.Case == m.fails })
			why := strings.Join(details(rep.Cases[i]), "\n")
			if !strings.Contains(why, m.says) || rep.Cases[i].Meaning == "" {
				t.Fatalf("case %s does not explain %q:\n%s", m.fails, m.says, text(rep))
			}
			caught.Add(1)
			t.Logf("caught:\n%s", text(rep))
		})
	}
}
