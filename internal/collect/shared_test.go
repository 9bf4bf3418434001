package collect

import (
	"sync"
	"sync/atomic"
	"testing"

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
			})
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
