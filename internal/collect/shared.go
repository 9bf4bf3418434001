package collect

import (
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Shared holds what a run measures once and every domain reuses: the
// server-level probes of each address, the keys of the zones above the
// domains, the addresses of nameserver names. The first domain that needs
// an entry measures it into a private log; the others wait for it and copy
// its queries into their own observations, marked Shared. Probes and zone
// keys grow with the infrastructure (servers, parent zones); name lookups,
// which can be per domain (in-bailiwick NS names, MX targets), are kept in
// a bounded LRU, so memory does not grow with the domains.
type Shared struct {
	mu      sync.Mutex
	entries map[string]*sharedEntry
	lookups *lru.Cache[string, *sharedEntry]
}

// LookupCacheSize bounds the shared name lookups: the A and AAAA of NS
// names and the AAAA of MX targets. An entry holds a lookup's queries
// (about 2 KB with their parsed answers), so the full cache is ~130 MB.
// A generated world of 100,000 domains has ~65,000 such names (9,480
// providers with 2-4 NS names and a mail host each): at 20,000 entries
// most lookups missed and were asked again (2.03 queries per domain
// instead of about 0.6).
const LookupCacheSize = 1 << 16

type sharedEntry struct {
	done    chan struct{}
	queries []*observe.Query
	value   any
}

// NewShared returns an empty cache for one run.
func NewShared() *Shared {
	l, _ := lru.New[string, *sharedEntry](LookupCacheSize) // only fails for a size < 1
	return &Shared{entries: map[string]*sharedEntry{}, lookups: l}
}

// Len is the number of entries held.
func (s *Shared) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries) + s.lookups.Len()
}

// do returns the queries and value of key, measuring them with fn the first
// time. fn records its queries in the log it is given. A domain that finds
// the entry being measured waits for it, unless giveUp (when not nil),
// asked every waitCheck, says the wait is no longer worth it (the entry
// waits on a server that stopped answering, which this domain's own
// measurement would skip at once): it then measures with fn on its own
// and own is true.
func (s *Shared) do(key string, fn func(log *observe.Log) any, giveUp func(waited time.Duration) bool) (qs []*observe.Query, v any, own bool) {
	s.mu.Lock()
	var e *sharedEntry
	var ok bool
	lookup := strings.HasPrefix(key, "lookup:")
	if lookup {
		e, ok = s.lookups.Get(key)
	} else {
		e, ok = s.entries[key]
	}
	if !ok {
		e = &sharedEntry{done: make(chan struct{})}
		if lookup {
			s.lookups.Add(key, e)
		} else {
			s.entries[key] = e
		}
		s.mu.Unlock()
		var log observe.Log
		e.value = fn(&log)
		e.queries = log.Queries()
		close(e.done)
		return e.queries, e.value, false
	}
	s.mu.Unlock()
	if giveUp == nil {
		<-e.done
		return e.queries, e.value, false
	}
	start := time.Now()
	tick := time.NewTicker(waitCheck)
	defer tick.Stop()
	for {
		select {
		case <-e.done:
			return e.queries, e.value, false
		case <-tick.C:
			if giveUp(time.Since(start)) {
				var log observe.Log
				v := fn(&log)
				return log.Queries(), v, true
			}
		}
	}
}

// waitCheck is how often a domain waiting for a shared entry asks whether
// to stop waiting.
const waitCheck = 50 * time.Millisecond

// use copies key's queries into log and returns the value and the mapping
// from the private sequence numbers to log's. Queries measured on the
// domain's own (see do) are its own, not marked Shared.
func (s *Shared) use(log *observe.Log, key string, fn func(log *observe.Log) any, giveUp func(time.Duration) bool) (any, map[int]int) {
	qs, v, own := s.do(key, fn, giveUp)
	if !own {
		return v, log.AddShared(qs)
	}
	seqs := make(map[int]int, len(qs))
	for _, q := range qs {
		old := q.Seq
		seqs[old] = log.Add(q).Seq
	}
	return v, seqs
}
