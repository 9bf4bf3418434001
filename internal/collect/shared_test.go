package collect

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Concurrent users of one entry measure it once and each get copies.
func TestSharedMeasuresOnce(t *testing.T) {
	s := NewShared()
	var calls atomic.Int32
	var wg sync.WaitGroup
	logs := make([]*observe.Log, 16)
	for i := range logs {
		logs[i] = &observe.Log{}
		logs[i].Add(&observe.Query{Purpose: "own"})
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, seqs := s.use(logs[i], "probe:192.0.2.1", func(l *observe.Log) any {
				calls.Add(1)
				l.Add(&observe.Query{Purpose: observe.PurposeNSID, Attempts: 1})
				l.Add(&observe.Query{Purpose: observe.PurposeRecursion, Attempts: 1})
				return "value"
			}, nil)
			if v != "value" || seqs[1] != 2 || seqs[2] != 3 {
				t.Errorf("value %v, seqs %v", v, seqs)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("measured %d times, want once", calls.Load())
	}
	for _, l := range logs {
		qs := l.Queries()
		if len(qs) != 3 || qs[0].Shared || !qs[1].Shared || !qs[2].Shared {
			t.Errorf("log %+v", qs)
		}
	}
	if s.Len() != 1 {
		t.Errorf("Len = %d", s.Len())
	}
}

// A domain waiting for an entry stops waiting when giveUp says so and
// measures on its own; its queries are its own, not Shared copies.
func TestSharedWaitIsBounded(t *testing.T) {
	s := NewShared()
	release := make(chan struct{})
	started := make(chan struct{})
	go s.use(&observe.Log{}, "probe:192.0.2.1", func(l *observe.Log) any {
		close(started)
		<-release // the first domain waits on a server that never answers
		return "late"
	}, nil)
	<-started
	log := &observe.Log{}
	log.Add(&observe.Query{Purpose: "own"})
	done := make(chan any)
	go func() {
		v, seqs := s.use(log, "probe:192.0.2.1", func(l *observe.Log) any {
			l.Add(&observe.Query{Purpose: observe.PurposeNSID, Status: observe.StatusTimeout})
			return "own"
		}, func(waited time.Duration) bool { return waited > 100*time.Millisecond })
		if seqs[1] != 2 {
			t.Errorf("seqs %v", seqs)
		}
		done <- v
	}()
	select {
	case v := <-done:
		if v != "own" {
			t.Errorf("value %v, want the domain's own", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the waiter did not give up")
	}
	close(release)
	if qs := log.Queries(); len(qs) != 2 || qs[1].Shared {
		t.Errorf("queries %+v: want the own measurement, not a Shared copy", qs)
	}
}
