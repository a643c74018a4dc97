package repl

import (
	"strings"
	"testing"
	"time"
)

// FuzzDuration checks --timeout parsing (Args.Duration, time.ParseDuration
// with the shell's own messages): it never panics, it accepts exactly the
// non-negative Go durations (one under a nanosecond but not zero as 1ns),
// and its errors are one line without a period.
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"500ms", "2s", "1m", "1h2m3.5s", "5", "-1s", "", "soon", "1e9s", "9223372036854775807ns", "99999999999h", ".5s", "1µs", "0"} {
		f.Add(s)
	}
	cmd := &Command{Name: "recv", Usage: "recv [--timeout D]"}
	f.Fuzz(func(t *testing.T, v string) {
		a := &Args{flags: map[string]string{"timeout": v}, Command: cmd}
		d, err := a.Duration("timeout")
		want, werr := time.ParseDuration(v)
		if werr == nil && want == 0 && strings.ContainsAny(v, "123456789") {
			want = time.Nanosecond // a wait under 1ns (".1ns") is the shortest wait, not "no limit"
		}
		switch {
		case werr == nil && want >= 0:
			if err != nil || d != want {
				t.Fatalf("Duration(%q) = %v, %v; want %v", v, d, err, want)
			}
		case err == nil:
			t.Fatalf("Duration(%q) = %v, want an error", v, d)
		default:
			msg := err.Error()
			if msg == "" || strings.HasSuffix(msg, ".") || strings.ContainsAny(msg, "\n\x1b") {
				t.Fatalf("Duration(%q): badly shaped error %q", v, msg)
			}
		}
	})
}
