package netcat

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// options holds the parsed command line of netcat mode.
type options struct {
	listen  bool          // -l
	keep    bool          // -k
	udp     bool          // -u
	verbose bool          // -v
	numeric bool          // -n
	scan    bool          // -z
	crlf    bool          // -C
	noStdin bool          // -d
	shutWR  bool          // -N
	family  string        // "", "4" or "6"
	timeout time.Duration // -w; 0: none
	quit    time.Duration // -q; negative: never
	srcAddr string        // -s
	srcPort string        // -p
	help    bool          // -h, --help
	host    string        // destination or listen address
	ports   []string      // port arguments; several or ranges only with -z
}

// usageError is a command line mistake: exit status 2 and a usage line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error {
	return &usageError{fmt.Sprintf(format, a...)}
}

// withArg lists the supported letters that take a value.
const withArg = "wqsp"

// noArg lists the supported letters without a value.
const noArg = "46CdhklNnuvz"

// unsupported maps each netcat flag socklab refuses to the reason given.
var unsupported = map[byte]string{
	'b': "broadcast is not offered",
	'c': "socklab runs no programs",
	'D': "SO_DEBUG is not offered",
	'e': "socklab runs no programs",
	'F': "fd passing is not offered",
	'I': "set buffer sizes with `option ID rcvbuf N` in the shell",
	'i': "no delay between lines or ports",
	'M': "TTL is not offered",
	'm': "minimum TTL is not offered",
	'O': "set buffer sizes with `option ID sndbuf N` in the shell",
	'P': "no proxy support",
	'r': "ports are scanned in order",
	'S': "TCP MD5 signatures are not offered",
	'T': "TOS is not offered",
	't': "no TELNET negotiation",
	'U': "UNIX domain sockets are not offered",
	'V': "routing tables are not offered",
	'W': "no packet limit",
	'X': "no proxy support",
	'x': "no proxy support",
	'Z': "DCCP is not offered",
}

// parseArgs parses nc's arguments like getopt(3) on Linux: short flags may
// be combined (-lvk), a value may be attached (-w3) or follow (-w 3),
// options and operands may be mixed, and "--" ends the options.
func parseArgs(args []string) (*options, error) {
	o := &options{quit: -1}
	var operands []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			operands = append(operands, args[i+1:]...)
			i = len(args)
			continue
		case a == "--help":
			o.help = true
			continue
		case strings.HasPrefix(a, "--"):
			return nil, usagef("unknown option %s", a)
		case len(a) < 2 || a[0] != '-':
			operands = append(operands, a)
			continue
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			if reason, ok := unsupported[c]; ok {
				return nil, fmt.Errorf("-%c is not supported (%s)", c, reason)
			}
			if strings.IndexByte(noArg, c) >= 0 {
				o.setFlag(c)
				continue
			}
			if strings.IndexByte(withArg, c) < 0 {
				return nil, usagef("unknown option -%c", c)
			}
			val := a[j+1:]
			if val == "" {
				if i+1 >= len(args) {
					return nil, usagef("option -%c needs a value", c)
				}
				i++
				val = args[i]
			}
			if err := o.setValue(c, val); err != nil {
				return nil, err
			}
			break
		}
	}
	if o.help {
		return o, nil
	}
	if err := o.setOperands(operands); err != nil {
		return o, err
	}
	for _, h := range []string{o.host, o.srcAddr} {
		if o.numeric && h != "" && net.ParseIP(h) == nil {
			return o, usagef("-n allows numeric addresses only, and %q is a name: give its IP address, or drop -n", h)
		}
	}
	return o, nil
}

func (o *options) setFlag(c byte) {
	switch c {
	case '4', '6':
		o.family = string(c)
	case 'C':
		o.crlf = true
	case 'd':
		o.noStdin = true
	case 'h':
		o.help = true
	case 'k':
		o.keep = true
	case 'l':
		o.listen = true
	case 'N':
		o.shutWR = true
	case 'n':
		o.numeric = true
	case 'u':
		o.udp = true
	case 'v':
		o.verbose = true
	case 'z':
		o.scan = true
	}
}

func (o *options) setValue(c byte, val string) error {
	var err error
	switch c {
	case 'w':
		o.timeout, err = parseSeconds(val)
		if err == nil && o.timeout <= 0 {
			err = errors.New("must be positive")
		}
	case 'q':
		o.quit, err = parseSeconds(val)
	case 's':
		o.srcAddr = val
	case 'p':
		o.srcPort = val
		err = checkPort(val)
	}
	if err != nil {
		return usagef("bad -%c value %q: %v", c, val, err)
	}
	return nil
}

// parseSeconds reads nc's whole seconds ("3", "-1") or a Go duration ("500ms").
func parseSeconds(s string) (time.Duration, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n > 1<<31/1000 || n < -(1<<31/1000) {
			return 0, errors.New("out of range")
		}
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New("want seconds or a duration like 500ms")
	}
	return d, nil
}

// checkPort accepts a port number 0..65535 or a service name.
func checkPort(p string) error {
	if p == "" {
		return errors.New("empty port")
	}
	if n, err := strconv.Atoi(p); err == nil {
		if n < 0 || n > 65535 {
			return errors.New("port out of range")
		}
		return nil
	}
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return errors.New("not a port number or service name")
		}
	}
	return nil
}

// setOperands checks HOST and PORT operands against the mode.
func (o *options) setOperands(ops []string) error {
	if o.keep && !o.listen {
		return usagef("-k needs -l")
	}
	if o.listen && o.scan {
		return usagef("-l and -z cannot be used together")
	}
	if o.listen {
		switch {
		case len(ops) == 0 && o.srcPort != "":
			o.host, o.ports = o.srcAddr, []string{o.srcPort}
		case len(ops) == 1 && o.srcPort == "":
			o.host, o.ports = o.srcAddr, ops
		case len(ops) == 1:
			o.host, o.ports = ops[0], []string{o.srcPort}
		case len(ops) == 2:
			o.host, o.ports = ops[0], ops[1:]
		default:
			return usagef("listen mode takes [HOST] PORT (or -p PORT)")
		}
		return checkPort(o.ports[0])
	}
	if len(ops) < 2 {
		return usagef("missing HOST and PORT")
	}
	o.host, o.ports = ops[0], ops[1:]
	if !o.scan && len(o.ports) > 1 {
		return usagef("several ports need -z")
	}
	for _, p := range o.ports {
		lo, hi, err := portRange(p)
		if err != nil {
			return usagef("bad port %q: %v", p, err)
		}
		if !o.scan && lo != hi {
			return usagef("port ranges need -z")
		}
	}
	return nil
}
