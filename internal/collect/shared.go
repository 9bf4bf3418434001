package collect

import (
	"sync"

	"github.com/lac-dns-observatory/dnsobs/internal/observe"
)

// Shared holds what a run measures once and every domain reuses: the
// server-level probes of each address, the keys of the zones above the
// domains, the addresses of nameserver names. The first domain that needs
// an entry measures it into a private log; the others wait for it and copy
// its queries into their own observations, marked Shared. It grows with
// the infrastructure (servers, zones, NS names), not with the domains.
type Shared struct {
	mu      sync.Mutex
	entries map[string]*sharedEntry
}

type sharedEntry struct {
	done    chan struct{}
	queries []*observe.Query
	value   any
}

// NewShared returns an empty cache for one run.
func NewShared() *Shared { return &Shared{entries: map[string]*sharedEntry{}} }

// Len is the number of entries measured so far.
func (s *Shared) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// do returns the queries and value of key, measuring them with fn the first
// time. fn records its queries in the log it is given.
func (s *Shared) do(key string, fn func(log *observe.Log) any) ([]*observe.Query, any) {
	s.mu.Lock()
	e, ok := s.entries[key]
	if !ok {
		e = &sharedEntry{done: make(chan struct{})}
		s.entries[key] = e
		s.mu.Unlock()
		var log observe.Log
		e.value = fn(&log)
		e.queries = log.Queries()
		close(e.done)
		return e.queries, e.value
	}
	s.mu.Unlock()
	<-e.done
	return e.queries, e.value
}

// use copies key's queries into log and returns the value and the mapping
// from the private sequence numbers to log's.
func (s *Shared) use(log *observe.Log, key string, fn func(log *observe.Log) any) (any, map[int]int) {
	qs, v := s.do(key, fn)
	return v, log.AddShared(qs)
}
