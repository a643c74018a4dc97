package luanet

import (
	"testing"
	"time"
)

// Eight producers put 2,000 completions each while the loop's side takes
// them in batches, reusing each batch as the next spare: every completion
// arrives exactly once and each producer's arrive in order; after close,
// put refuses.
func TestInbox(t *testing.T) {
	const producers, each = 8, 2000
	b := newInbox()
	tasks := make([]*task, producers)
	for p := range tasks {
		tasks[p] = &task{id: p}
		go func(t *task) {
			for i := 1; i <= each; i++ {
				b.put(completion{t: t, seq: uint64(i)})
			}
		}(tasks[p])
	}
	next := make(map[*task]uint64)
	var batch []completion
	deadline := time.After(10 * time.Second)
	for got := 0; got < producers*each; {
		if batch = b.take(batch); len(batch) == 0 {
			select {
			case <-b.wake:
			case <-deadline:
				t.Fatalf("%d of %d completions arrived", got, producers*each)
			}
			continue
		}
		for _, c := range batch {
			if next[c.t]++; c.seq != next[c.t] {
				t.Fatalf("producer %d: completion %d arrived as number %d", c.t.id, c.seq, next[c.t])
			}
		}
		got += len(batch)
	}
	if left := b.close(); len(left) != 0 {
		t.Fatalf("%d completions left after all were taken", len(left))
	}
	if b.put(completion{t: tasks[0]}) {
		t.Fatal("put after close was accepted")
	}
}
