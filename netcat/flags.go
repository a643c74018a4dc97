package netcat

import (
	"errors"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/socklab/socklab/words"
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
	unix    bool          // -U: host is a socket file's path
	family  string        // "", "4" or "6"
	timeout time.Duration // -w; 0: none
	quit    time.Duration // -q; negative: never
	srcAddr string        // -s
	srcPort string        // -p
	help    bool          // -h, --help
	host    string        // destination or listen address (-U: the path)
	ports   []string      // port arguments; several or ranges only with -z
	tls     tlsOptions    // --ssl and its companions
}

// tlsOptions are ncat's --ssl flags.
type tlsOptions struct {
	on         bool   // --ssl
	cert, key  string // --ssl-cert, --ssl-key
	verify     bool   // --ssl-verify
	trust      string // --ssl-trustfile: the CAs to verify against
	servername string // --ssl-servername
}

// usageError is a command line mistake: exit status 2 and a usage line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usage is a usageError with the catalog's message key.
func usage(key string, a ...any) error { return &usageError{words.T(key, a...)} }

// withArg lists the supported letters that take a value.
const withArg = "wqsp"

// noArg lists the supported letters without a value.
const noArg = "46CdhklNnUuvz"

// unsupported maps each netcat flag socklab refuses to the catalog key of
// the reason given.
var unsupported = map[byte]string{
	'b': "nc.no_b", 'c': "nc.no_exec", 'D': "nc.no_D", 'e': "nc.no_exec",
	'F': "nc.no_F", 'I': "nc.no_I", 'i': "nc.no_i", 'M': "nc.no_M",
	'm': "nc.no_m", 'O': "nc.no_O", 'P': "nc.no_proxy", 'r': "nc.no_r",
	'S': "nc.no_S", 'T': "nc.no_T", 't': "nc.no_t", 'V': "nc.no_V",
	'W': "nc.no_W", 'X': "nc.no_proxy", 'x': "nc.no_x", 'Z': "nc.no_Z",
}

// parseArgs parses nc's arguments like getopt(3) on Linux: short flags may
// be combined (-lvk), a value may be attached (-w3) or follow (-w 3),
// options and operands may be mixed, and "--" ends the options. Long
// options are ncat's TLS flags and --help.
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
		case strings.HasPrefix(a, "--"):
			next, err := o.setLong(args, i)
			if err != nil {
				return nil, err
			}
			i = next
			continue
		case len(a) < 2 || a[0] != '-':
			operands = append(operands, a)
			continue
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			if key, ok := unsupported[c]; ok {
				return nil, errors.New(words.T("nc.unsupported", c, words.T(key)))
			}
			if strings.IndexByte(noArg, c) >= 0 {
				o.setFlag(c)
				continue
			}
			if strings.IndexByte(withArg, c) < 0 {
				return nil, usage("nc.unknown_short", c)
			}
			val := a[j+1:]
			if val == "" {
				if i+1 >= len(args) {
					return nil, usage("nc.needs_value", c)
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
	if o.numeric && !o.unix && net.ParseIP(o.host) == nil && o.host != "" {
		// nc -n refuses a destination name but still resolves -s's.
		return o, usage("nc.numeric_name", o.host)
	}
	return o, o.checkTLS()
}

// setLong reads the long option at args[i] (with its value, attached by =
// or in the next argument) and returns the index of the last word it used.
func (o *options) setLong(args []string, i int) (int, error) {
	name, val, attached := strings.Cut(args[i], "=")
	flag := func(p *bool) (int, error) {
		if attached {
			return 0, usage("nc.long_no_value", name)
		}
		*p = true
		return i, nil
	}
	value := func(p *string) (int, error) {
		if !attached {
			if i+1 >= len(args) {
				return 0, usage("nc.long_needs_value", name)
			}
			i++
			val = args[i]
		}
		*p = val
		return i, nil
	}
	switch name {
	case "--help":
		return flag(&o.help)
	case "--ssl":
		return flag(&o.tls.on)
	case "--ssl-verify":
		return flag(&o.tls.verify)
	case "--ssl-cert":
		return value(&o.tls.cert)
	case "--ssl-key":
		return value(&o.tls.key)
	case "--ssl-trustfile":
		return value(&o.tls.trust)
	case "--ssl-servername":
		return value(&o.tls.servername)
	}
	return 0, usage("nc.unknown_long", name)
}

// checkTLS checks the --ssl flags against each other and the mode.
func (o *options) checkTLS() error {
	t := o.tls
	if !t.on && (t.cert != "" || t.key != "" || t.verify || t.trust != "" || t.servername != "") {
		t.on = true // ncat: any --ssl-* flag turns TLS on
		o.tls.on = true
	}
	switch {
	case !t.on:
		return nil
	case o.udp:
		return usage("nc.tls_udp")
	case o.scan:
		return usage("nc.tls_scan")
	case (t.cert == "") != (t.key == ""):
		return usage("nc.tls_pair")
	}
	return nil
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
	case 'U':
		o.unix = true
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
		// -w 0 is accepted, as nc accepts it, and means no timeout: nc's
		// poll(2) with a zero timeout quits at the first instant nothing is
		// ready, dropping what is still on its way.
		o.timeout, err = parseSeconds(val)
		if err == nil && o.timeout < 0 {
			err = errors.New(words.T("nc.negative"))
		}
	case 'q':
		o.quit, err = parseSeconds(val)
	case 's':
		o.srcAddr = unbracket(val)
	case 'p':
		o.srcPort = val
		err = checkPort(val)
	}
	if err != nil {
		return usage("nc.bad_value", c, val, err)
	}
	return nil
}

// unbracket takes the brackets off "[::1]", which nc users type from URLs.
func unbracket(h string) string {
	if len(h) > 2 && h[0] == '[' && h[len(h)-1] == ']' {
		return h[1 : len(h)-1]
	}
	return h
}

// parseSeconds reads nc's whole seconds ("3", "-1") or a Go duration ("500ms").
func parseSeconds(s string) (time.Duration, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n > 1<<31/1000 || n < -(1<<31/1000) {
			return 0, errors.New(words.T("nc.out_of_range"))
		}
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New(words.T("nc.want_seconds"))
	}
	return d, nil
}

// checkPort accepts a port number 0..65535 or a service name.
func checkPort(p string) error {
	if p == "" {
		return errors.New(words.T("nc.empty_port"))
	}
	if n, err := strconv.Atoi(p); err == nil {
		if n < 0 || n > 65535 {
			return errors.New(words.T("nc.port_range"))
		}
		return nil
	}
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return errors.New(words.T("nc.not_port"))
		}
	}
	return nil
}
