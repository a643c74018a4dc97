package netops

import (
	"context"
	"testing"
)

func TestStepAddressRules(t *testing.T) {
	for _, c := range []struct {
		proto, host string
		want6       bool
	}{
		{"tcp", "", false}, {"tcp", "127.0.0.1", false}, {"tcp", "::1", true},
		{"tcp", "::ffff:127.0.0.1", false}, {"udp6", "", true}, {"tcp4", "::1", false},
	} {
		if got := wants6(c.proto, c.host); got != c.want6 {
			t.Errorf("wants6(%q, %q) = %v, want %v", c.proto, c.host, got, c.want6)
		}
	}
	if got := socketCallArgs(true, true); got != "AF_INET6, SOCK_DGRAM" {
		t.Errorf("socketCallArgs(true, true) = %q", got)
	}
	for _, c := range []struct {
		is6        bool
		addr, want string
	}{
		{false, ":8888", "0.0.0.0:8888"},
		{true, ":8888", "[::]:8888"},
		{false, "127.0.0.5:1", "127.0.0.5:1"},
		{false, "[::ffff:127.0.0.1]:2", "127.0.0.1:2"},
		{false, "[::1]:3", "[::1]:3"}, // left for the system to refuse
	} {
		ap, err := resolveStep(context.Background(), c.is6, c.addr)
		if err != nil || ap.String() != c.want {
			t.Errorf("resolveStep(%v, %q) = %v, %v; want %s", c.is6, c.addr, ap, err, c.want)
		}
	}
	for _, bad := range []string{"127.0.0.1", "127.0.0.1:99999"} {
		if _, err := resolveStep(context.Background(), false, bad); err == nil {
			t.Errorf("resolveStep(%q) did not fail", bad)
		}
	}
}
