package netops

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// OptionNames are the socket options [Socket.Option] and
// [Socket.SetOption] know, in the order `option ID` shows them:
//
//	reuseaddr  SO_REUSEADDR   on|off  bind a port whose old connections are in TIME_WAIT
//	reuseport  SO_REUSEPORT   on|off  several sockets share a port
//	nodelay    TCP_NODELAY    on|off  Nagle's algorithm off
//	keepalive  SO_KEEPALIVE   on|off  probe idle connections
//	linger     SO_LINGER      off|N   close waits N seconds for unsent data; 0 closes with RST
//	rcvbuf     SO_RCVBUF      bytes   receive buffer (Linux reports double the value set)
//	sndbuf     SO_SNDBUF      bytes   send buffer (likewise)
//
// On Windows SO_REUSEADDR means more (a socket may bind a port another
// socket holds, even a live one), SO_REUSEPORT does not exist
// ([ErrNoSuchOption]), and one more option is listed:
//
//	exclusiveaddruse  SO_EXCLUSIVEADDRUSE  on|off  no other socket may bind this port
var OptionNames = []string{"reuseaddr", "reuseport", "nodelay", "keepalive", "linger", "rcvbuf", "sndbuf"}

// ErrNoSuchOption reports a socket option this operating system does not
// have.
var ErrNoSuchOption = fmt.Errorf("%w: no such socket option", ErrNotAvailable)

// OptionValue is one option of a socket as [Socket.Options] reports it.
type OptionValue struct {
	Name  string // "reuseaddr"
	Sys   string // "SO_REUSEADDR"
	Value string // "on", "off", "0", "131072"; "" when it could not be read
	Err   error  // why it could not be read
}

// optionSys names each option's C constant.
var optionSys = map[string]string{"reuseaddr": "SO_REUSEADDR", "reuseport": "SO_REUSEPORT",
	"nodelay": "TCP_NODELAY", "keepalive": "SO_KEEPALIVE", "linger": "SO_LINGER",
	"rcvbuf": "SO_RCVBUF", "sndbuf": "SO_SNDBUF"}

// checkOption returns the option's canonical name or an error listing the
// known ones.
func checkOption(name string) (string, error) {
	n := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(name), "so_"), "tcp_")
	if _, ok := optionSys[n]; ok {
		return n, nil
	}
	return "", &InputError{What: "option", Value: name, Want: "option"}
}

// parseOption parses a value for option name: on/off (also 1/0, yes/no,
// true/false) for the switches, off or seconds for linger, a byte count for
// the buffers. For linger it returns onoff and seconds.
func parseOption(name, value string) (v int, on bool, err error) {
	switch name {
	case "linger":
		switch strings.ToLower(value) {
		case "off", "no", "false":
			return 0, false, nil
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(value, "s"), 10, 32)
		if errors.Is(err, strconv.ErrRange) && n > 0 {
			return 0, false, &InputError{What: "linger", Value: value, Want: "int32"}
		}
		if err != nil || n < 0 {
			return 0, false, &InputError{What: "linger", Value: value, Want: "linger"}
		}
		return int(n), true, nil
	case "rcvbuf", "sndbuf":
		// The kernel takes a C int: a larger number is refused, never cut
		// (4294967296 would become 0).
		n, err := strconv.ParseInt(value, 10, 32)
		if errors.Is(err, strconv.ErrRange) && n > 0 {
			return 0, false, &InputError{What: name, Value: value, Want: "int32"}
		}
		if err != nil || n <= 0 {
			return 0, false, &InputError{What: name, Value: value, Want: "bytes"}
		}
		return int(n), true, nil
	}
	b, ok := parseSwitch(value)
	if !ok {
		return 0, false, &InputError{What: name, Value: value, Want: "onoff"}
	}
	if b {
		return 1, true, nil
	}
	return 0, false, nil
}

func parseSwitch(s string) (on, ok bool) {
	switch strings.ToLower(s) {
	case "on", "1", "yes", "true":
		return true, true
	case "off", "0", "no", "false":
		return false, true
	}
	return false, false
}

// showOption formats a value read from the kernel.
func showOption(name string, v int, on bool) string {
	switch name {
	case "linger":
		if !on {
			return "off"
		}
		return strconv.Itoa(v)
	case "rcvbuf", "sndbuf":
		return strconv.Itoa(v)
	}
	if v != 0 {
		return "on"
	}
	return "off"
}

// Options returns every option of [OptionNames] as the kernel reports it
// for s.
func (s *Socket) Options() []OptionValue {
	l := make([]OptionValue, 0, len(OptionNames))
	for _, n := range OptionNames {
		v, err := s.Option(n)
		l = append(l, OptionValue{Name: n, Sys: optionSys[n], Value: v, Err: err})
	}
	return l
}

// Option returns the value of one socket option (see [OptionNames]) as the
// kernel reports it (getsockopt).
func (s *Socket) Option(name string) (string, error) {
	n, err := checkOption(name)
	if err != nil {
		return "", opErr("option", s, "", err)
	}
	v, on, err := s.current().getOption(n)
	if err != nil {
		return "", opErr("option", s, "", sysErr("getsockopt", err))
	}
	return showOption(n, v, on), nil
}

// SetOption sets one socket option (setsockopt) and returns its value as
// the kernel then reports it (for the buffers, Linux doubles what was
// asked).
func (s *Socket) SetOption(name, value string) (string, error) {
	n, err := checkOption(name)
	if err != nil {
		return "", opErr("option", s, "", err)
	}
	v, on, err := parseOption(n, value)
	if err != nil {
		return "", opErr("option", s, "", err)
	}
	cur := s.current()
	err = sysErr("setsockopt", cur.setOption(n, v, on))
	if errors.Is(err, ErrNotAvailable) { // no call was made: nothing to trace
		return "", opErr("option", s, "", err)
	}
	k := cur.kernel()
	arg := strconv.Itoa(v)
	if n == "linger" {
		arg = fmt.Sprintf("{onoff %d, linger %d}", b2i(on), v)
	}
	if cur.table != nil {
		cur.table.trace().emit(Call{ID: cur.ID, FD: k.FD, Name: "setsockopt", Args: fmt.Sprintf("fd %d, %s, %s", k.FD, optionSys[n], arg), Err: err, State: k.State})
	}
	if err != nil {
		return "", opErr("option", s, "", err)
	}
	return s.Option(n)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
