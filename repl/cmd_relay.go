package repl

import (
	"context"
	"errors"
	"net"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/relay"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/tlsx"
	"github.com/socklab/socklab/words"
)

// relayCommands hold relay, socat's most common use.
var relayCommands = []*Command{{
	Name:     "relay",
	Usage:    "relay LISTEN_ADDR TARGET_ADDR [--hex] [--tls-listen] [--tls-target [--insecure]]",
	Examples: []string{"relay 127.0.0.1:9000 127.0.0.1:8888", "relay :9000 127.0.0.1:8888 --hex", "relay 127.0.0.1:8443 127.0.0.1:8888 --tls-listen"},
	Flags: []Flag{
		{Name: "hex"},
		{Name: "tls-listen"},
		{Name: "tls-target"},
		{Name: "insecure"},
	},
	MinArgs: 2, MaxArgs: 2,
	Run: runRelay,
}}

func runRelay(ctx context.Context, s *Session, a *Args) error {
	listen, err := netops.ParseAddr(a.Words[0])
	if err != nil {
		return usageOf(a.Command, err)
	}
	target, err := netops.ParseAddr(a.Words[1])
	if err != nil {
		return usageOf(a.Command, err)
	}
	if a.Has("insecure") && !a.Has("tls-target") {
		return usageT(a.Command, "relay.insecure_alone")
	}
	cfg := relay.Config{Listen: listen, Target: target, Data: a.Has("hex")}
	if a.Has("tls-listen") {
		tc, leaf, err := tlsx.Server("", "")
		if err != nil {
			return err
		}
		cfg.ListenTLS = tc
		s.Printf("%s", words.T("relay.selfsigned", tlsx.Fingerprint(leaf)))
	}
	if a.Has("tls-target") {
		host, _, _ := net.SplitHostPort(target)
		tc, err := tlsx.Client(tlsx.ClientOptions{Verify: !a.Has("insecure"), Host: host})
		if err != nil {
			return err
		}
		cfg.TargetTLS = tc
	}
	cfg.Events = func(e relay.Event) { s.relayEvent(e, target) }
	err = relay.Run(ctx, cfg)
	if errors.Is(err, context.Canceled) {
		s.Printf("%s", words.T("relay.stopped"))
		return nil
	}
	return err
}

// relayEvent prints one fact of the relay as it happens.
func (s *Session) relayEvent(e relay.Event, target string) {
	dir := func(d relay.Dir) string {
		if d == relay.Up {
			return words.T("relay.up")
		}
		return words.T("relay.down")
	}
	switch e.Kind {
	case relay.Listening:
		s.Printf("%s", words.T("relay.listening", e.Addr, target))
	case relay.Opened:
		s.Printf("%s", words.T("relay.opened", e.Pair, e.Client, e.Target))
	case relay.Failed:
		s.Printf("%s", words.T("relay.failed", e.Pair, e.Client, e.Target, say.Cause(e.Err)))
	case relay.ClientFailed:
		s.Printf("%s", words.T("relay.client_failed", e.Pair, e.Client, say.Error(e.Err)))
	case relay.Flow:
		if e.Data != nil {
			s.Printf("%s\n%s", words.T("relay.flow", e.Pair, dir(e.Dir), byteCount(int(e.N))), hexDump(e.Data))
		} else {
			s.Printf("%s", words.T("relay.flow", e.Pair, dir(e.Dir), byteCount(int(e.N))))
		}
	case relay.HalfClosed:
		s.Printf("%s", words.T("relay.half", e.Pair, dir(e.Dir)))
	case relay.Closed:
		if e.Err != nil {
			s.Printf("%s", words.T("relay.closed_err", e.Pair, byteCount(int(e.Up)), byteCount(int(e.Down)), say.Error(e.Err)))
		} else {
			s.Printf("%s", words.T("relay.closed", e.Pair, byteCount(int(e.Up)), byteCount(int(e.Down))))
		}
	}
	s.out.flush()
}
