package netcat

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var parseTests = []struct {
	args []string
	want options // compared field by field on what the case sets
	err  string  // substring of the error; "" for success
}{
	{args: []string{"example.com", "80"}, want: options{host: "example.com", ports: []string{"80"}, quit: -1}},
	{args: []string{"-l", "9000"}, want: options{listen: true, ports: []string{"9000"}, quit: -1}},
	{args: []string{"-l", "127.0.0.1", "9000"}, want: options{listen: true, host: "127.0.0.1", ports: []string{"9000"}, quit: -1}},
	{args: []string{"-l", "-p", "9000"}, want: options{listen: true, srcPort: "9000", ports: []string{"9000"}, quit: -1}},
	{args: []string{"-lp", "9000"}, want: options{listen: true, srcPort: "9000", ports: []string{"9000"}, quit: -1}},
	{args: []string{"-lvk", "9000"}, want: options{listen: true, verbose: true, keep: true, ports: []string{"9000"}, quit: -1}},
	{args: []string{"-w3", "h", "1"}, want: options{timeout: 3 * time.Second, host: "h", ports: []string{"1"}, quit: -1}},
	{args: []string{"-w", "500ms", "h", "1"}, want: options{timeout: 500 * time.Millisecond, host: "h", ports: []string{"1"}, quit: -1}},
	{args: []string{"-q", "-1", "h", "1"}, want: options{quit: -time.Second, host: "h", ports: []string{"1"}}},
	{args: []string{"-q0", "-N", "h", "1"}, want: options{quit: 0, shutWR: true, host: "h", ports: []string{"1"}}},
	{args: []string{"h", "1", "-v"}, want: options{verbose: true, host: "h", ports: []string{"1"}, quit: -1}},
	{args: []string{"-zv", "h", "20-30", "80"}, want: options{scan: true, verbose: true, host: "h", ports: []string{"20-30", "80"}, quit: -1}},
	{args: []string{"-u6nCd", "-s", "::1", "-p", "5000", "::1", "53"}, want: options{udp: true, family: "6", numeric: true, crlf: true, noStdin: true, srcAddr: "::1", srcPort: "5000", host: "::1", ports: []string{"53"}, quit: -1}},
	{args: []string{"-4", "--", "h", "1"}, want: options{family: "4", host: "h", ports: []string{"1"}, quit: -1}},
	{args: []string{"-h"}, want: options{help: true, quit: -1}},
	{args: []string{"--help"}, want: options{help: true, quit: -1}},
	{args: nil, err: "missing HOST and PORT"},
	{args: []string{"h"}, err: "missing HOST and PORT"},
	{args: []string{"-k", "h", "1"}, err: "-k needs -l"},
	{args: []string{"-lz", "1"}, err: "cannot be used together"},
	{args: []string{"-l"}, err: "listen mode takes"},
	{args: []string{"h", "1-5"}, err: "port ranges need -z"},
	{args: []string{"h", "1", "2"}, err: "several ports need -z"},
	{args: []string{"h", "70000"}, err: "bad port"},
	{args: []string{"-w", "x", "h", "1"}, err: "bad -w value"},
	{args: []string{"-w", "0", "h", "1"}, want: options{host: "h", ports: []string{"1"}, quit: -1}},
	{args: []string{"-w", "-1", "h", "1"}, err: "must not be negative"},
	{args: []string{"[::1]", "1"}, want: options{host: "::1", ports: []string{"1"}, quit: -1}},
	{args: []string{"-s", "[::1]", "::1", "1"}, want: options{srcAddr: "::1", host: "::1", ports: []string{"1"}, quit: -1}},
	{args: []string{"-n", "-s", "localhost", "127.0.0.1", "1"}, want: options{numeric: true, srcAddr: "localhost", host: "127.0.0.1", ports: []string{"1"}, quit: -1}},
	{args: []string{"127.0.0.1", "0"}, err: "port 0"},
	{args: []string{"-l", "-p", "5000", "127.0.0.5"}, err: "listen mode takes"},
	{args: []string{"-l", "-s", "127.0.0.1", "5000"}, err: "listen mode takes"},
	{args: []string{"-l", "-s", "127.0.0.1", "-p", "5000"}, want: options{listen: true, srcAddr: "127.0.0.1", srcPort: "5000", host: "127.0.0.1", ports: []string{"5000"}, quit: -1}},
	{args: []string{"-U", "/tmp/s"}, want: options{unix: true, host: "/tmp/s", quit: -1}},
	{args: []string{"-lU", "/tmp/s"}, want: options{unix: true, listen: true, host: "/tmp/s", quit: -1}},
	{args: []string{"-U", "/tmp/s", "80"}, err: "-U takes one operand"},
	{args: []string{"--ssl", "h", "1"}, want: options{tls: tlsOptions{on: true}, host: "h", ports: []string{"1"}, quit: -1}},
	{args: []string{"--ssl-verify", "--ssl-servername=x.test", "h", "1"}, want: options{tls: tlsOptions{on: true, verify: true, servername: "x.test"}, host: "h", ports: []string{"1"}, quit: -1}},
	{args: []string{"-l", "--ssl", "--ssl-cert", "c.pem", "--ssl-key", "k.pem", "1"}, want: options{listen: true, tls: tlsOptions{on: true, cert: "c.pem", key: "k.pem"}, ports: []string{"1"}, quit: -1}},
	{args: []string{"--ssl-cert", "c.pem", "h", "1"}, err: "go together"},
	{args: []string{"-u", "--ssl", "h", "1"}, err: "not UDP"},
	{args: []string{"--ssl-cert"}, err: "needs a value"},
	{args: []string{"--ssl=1", "h", "1"}, err: "takes no value"},
	{args: []string{"-i", "1", "h", "1"}, err: "ncat's -i"},
	{args: []string{"-m", "1", "h", "1"}, err: "ncat's -m"},
	{args: []string{"-x", "f", "h", "1"}, err: "ncat's -x"},
	{args: []string{"-n", "localhost", "1"}, err: "-n allows numeric addresses only"},
	{args: []string{"-w"}, err: "needs a value"},
	{args: []string{"-Y", "h", "1"}, err: "unknown option -Y"},
	{args: []string{"--foo"}, err: "unknown option --foo"},
	{args: []string{"-e", "/bin/sh", "h", "1"}, err: "-e is not supported"},
	{args: []string{"-lvx", "proxy", "1"}, err: "-x is not supported"},
	{args: []string{"-T", "lowdelay", "h", "1"}, err: "-T is not supported"},
	{args: []string{"-b", "h", "1"}, err: "-b is not supported"},
	{args: []string{"-c", "ls", "h", "1"}, err: "-c is not supported"},
	{args: []string{"-X", "5", "h", "1"}, err: "-X is not supported"},
}

func TestParseArgs(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, err := parseArgs(tt.args)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestUnsupportedIsNotUsage checks that refused nc flags are told apart from
// typos: both exit 2, but only typos print the usage line.
func TestUnsupportedIsNotUsage(t *testing.T) {
	for c := range unsupported {
		_, err := parseArgs([]string{"-" + string(c), "x", "h", "1"})
		var ue *usageError
		if err == nil || errors.As(err, &ue) {
			t.Errorf("-%c: err = %v, want a plain not-supported error", c, err)
		}
	}
}

func FuzzParseArgs(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(strings.Join(tt.args, "\x00"))
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x00")
		o, err := parseArgs(args)
		if err != nil {
			return
		}
		if o.help {
			return
		}
		if len(o.ports) == 0 && !o.unix {
			t.Fatalf("%q: parsed without a port", args)
		}
		if o.keep && !o.listen {
			t.Fatalf("%q: -k without -l accepted", args)
		}
		if !o.scan {
			for _, p := range o.ports {
				if lo, hi, err := portRange(p); !o.listen && (err != nil || lo != hi) {
					t.Fatalf("%q: port %q accepted: %d-%d %v", args, p, lo, hi, err)
				}
			}
		}
	})
}
