package luanet

import (
	"context"
	"io"
	"strings"
	"testing"
)

// TestLineGivenBack: a line read for a task that never received it (the
// task was canceled, or the run ended, before it ran: its result is
// dropped) is read again by the next read, before the lines that came
// after it, from Stdin and from Options.Input alike; at the end of the run
// the lines still given back go to Options.Unread, the last first.
func TestLineGivenBack(t *testing.T) {
	queued := []string{"one", "two", "three", "four"}
	fromInput := func(context.Context, string) (string, error) {
		if len(queued) == 0 {
			return "", io.EOF
		}
		l := queued[0]
		queued = queued[1:]
		return l, nil
	}
	for name, o := range map[string]Options{
		"stdin": {Stdin: strings.NewReader("one\r\ntwo\nthree\nfour\n")},
		"input": {Input: fromInput},
	} {
		t.Run(name, func(t *testing.T) {
			var unread []string
			o.Unread = func(l string) { unread = append(unread, l) }
			e := newEngine(context.Background(), "test.lua", o)
			defer e.close()
			read := func() result { return e.readLine(context.Background(), "", false) }
			one, two := read(), read()
			two.drop() // canceled in the other order: each line keeps its place
			one.drop()
			var got []string
			for range 2 {
				got = append(got, read().a.String())
			}
			three, four := read(), read()
			three.drop()
			four.drop()
			e.endInput()
			if strings.Join(got, " ") != "one two" || strings.Join(unread, " ") != "four three" {
				t.Errorf("read again %q, want one two; given to Unread %q, want four then three", got, unread)
			}
		})
	}
}
