package check

import (
	"context"
	"time"

	"github.com/socklab/socklab/words"
)

// The course's retrying client makes a new socket and tries to connect
// every 2 seconds. The check refuses its first attempts (nothing listens)
// and watches its sockets where the system lets it (/proc on Linux): a
// new socket for each attempt, about 2 s apart.
const (
	retryInterval = 2 * time.Second
	refuseAtMost  = 2*retryInterval + 500*time.Millisecond // then it listens anyway
	refuseBlind   = retryInterval + 500*time.Millisecond   // when the sockets cannot be seen
	sameSocketFor = retryInterval + time.Second            // one socket this long: not a fresh one per attempt
	sampleEvery   = 25 * time.Millisecond
)

// attempts is what the refusal phase saw of the client's sockets.
type attempts struct {
	visible  bool
	starts   []time.Duration // when each new socket appeared
	longest  time.Duration   // the longest any one socket was seen open
	exited   bool
	duration time.Duration
}

// refuse runs the program with nothing listening and watches its sockets
// until it has tried twice, or for at most refuseAtMost after its first
// socket (the time it takes to start does not count). When no socket can
// be seen, it refuses for refuseBlind (after the start, when sockets are
// visible but none showed up: a client that closes each one at once).
func (e *env) refuse(ctx context.Context) attempts {
	var a attempts
	begin := time.Now()
	firstSeen := map[string]time.Duration{}
	for {
		now := time.Since(begin)
		socks, ok := socketsOf(e.prog.cmd.Process.Pid)
		a.visible = ok
		limit := refuseBlind
		switch {
		case ok && len(a.starts) > 0:
			limit = a.starts[0] + refuseAtMost
		case ok:
			limit = e.startWait() + refuseBlind
		}
		for _, s := range socks {
			t, seen := firstSeen[s]
			if !seen {
				firstSeen[s] = now
				a.starts = append(a.starts, now)
				continue
			}
			a.longest = max(a.longest, now-t)
		}
		if len(a.starts) >= 2 || now >= limit {
			a.duration = now
			return a
		}
		if e.prog.wait(ctx, sampleEvery) {
			a.exited, a.duration = true, time.Since(begin)
			return a
		}
		if ctx.Err() != nil {
			a.duration = now
			return a
		}
	}
}

func retryClient(ctx context.Context, e *env) {
	// The port must be free before the client starts: listen once to see.
	ln, f := e.listenTCP()
	if f != nil {
		e.block(f)
		return
	}
	_ = ln.Close()
	if f := e.start(nil); f != nil {
		e.block(f)
		return
	}
	a := e.refuse(ctx)
	if ctx.Err() != nil {
		e.block(&failure{meaning: words.T("check.canceled")})
		return
	}
	rule := words.T("check.rule.retry")
	if a.exited {
		f := e.exitedFailure("check.retry.exited")
		f.rule = rule
		e.fail("survives-refused", f)
		e.block(&failure{meaning: words.T("check.retry.gave_up")})
		return
	}
	ln, f = e.listenTCP()
	if f != nil {
		e.block(f)
		return
	}
	defer ln.Close()
	listening := time.Now()
	c, f := e.acceptFrom(ctx, ln, retryInterval+e.timeout)
	if f != nil {
		f.meaning = words.T("check.retry.no_connection", a.duration.Round(100*time.Millisecond).String()) + " " + f.meaning
		f.rule = rule
		e.fail("survives-refused", f)
		e.block(&failure{meaning: words.T("check.retry.gave_up")})
		return
	}
	defer c.Close()
	onCancel(ctx, c)
	after := time.Since(listening).Round(100 * time.Millisecond)
	e.pass("survives-refused", words.T("check.note.retry", a.duration.Round(100*time.Millisecond).String(), after.String()))
	e.retryAttempts(a, rule)

	msg := []byte("Testando conexão")
	r := readReply(c, e.timeout)
	if f := clientMessage(r, msg, e, words.T("check.rule.client_message")); f != nil {
		e.fail("message", f)
		return
	}
	e.pass("message", words.T("check.note.sent", quote(msg)))
	_, _ = c.Write(fixedReply)
	e.printedAll(ctx, "prints", [][]byte{fixedReply}, true)
}

// retryAttempts gives the verdicts on the sockets and the interval seen
// while the connections were refused.
func (e *env) retryAttempts(a attempts, rule string) {
	if !a.visible {
		e.pass("fresh-socket", words.T("check.note.not_visible"))
		e.pass("interval", words.T("check.note.not_visible"))
		return
	}
	if len(a.starts) == 0 {
		// Each attempt's socket lived too briefly to be seen (closed as
		// soon as its connect was refused): nothing was measured.
		e.pass("fresh-socket", words.T("check.note.attempts_unseen"))
		e.pass("interval", words.T("check.note.attempts_unseen"))
		return
	}
	if a.longest >= sameSocketFor {
		e.fail("fresh-socket", &failure{meaning: words.T("check.retry.same_socket", a.longest.Round(100*time.Millisecond).String()), rule: rule})
	} else {
		e.pass("fresh-socket", words.N("check.note.sockets", int64(len(a.starts))))
	}
	if len(a.starts) < 2 {
		e.pass("interval", words.T("check.note.interval_unseen"))
		return
	}
	gap := a.starts[1] - a.starts[0]
	if gap < retryInterval/2 || gap > retryInterval+retryInterval/2 {
		e.fail("interval", &failure{meaning: words.T("check.retry.interval", gap.Round(10*time.Millisecond).String()), rule: rule})
		return
	}
	e.pass("interval", words.T("check.note.interval", gap.Round(10*time.Millisecond).String()))
}
