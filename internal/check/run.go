package check

import (
	"sort"
	"sync"

	"github.com/lac-dns-observatory/dnsobs/internal/analyze"
)

// Func is a check area's analysis: observations in, findings out.
type Func func(in *analyze.Input) []Finding

var (
	funcsMu sync.Mutex
	funcs   = map[string]Func{}
)

// RegisterFunc adds an area's analysis. It panics on a duplicate area.
func RegisterFunc(area string, f Func) {
	funcsMu.Lock()
	defer funcsMu.Unlock()
	if _, dup := funcs[area]; dup {
		panic("check: duplicate area " + area)
	}
	funcs[area] = f
}

// Run runs every registered area over in and returns the findings, worst
// first, then by ID and subject.
func Run(in *analyze.Input) []Finding {
	funcsMu.Lock()
	areas := make([]string, 0, len(funcs))
	for a := range funcs {
		areas = append(areas, a)
	}
	funcsMu.Unlock()
	sort.Strings(areas)
	var out []Finding
	for _, a := range areas {
		funcsMu.Lock()
		f := funcs[a]
		funcsMu.Unlock()
		out = append(out, f(in)...)
	}
	Sort(out)
	return out
}

// Sort orders findings worst first, then by ID and subject.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Severity != fs[j].Severity {
			return fs[i].Severity > fs[j].Severity
		}
		if fs[i].ID != fs[j].ID {
			return fs[i].ID < fs[j].ID
		}
		return fs[i].Subject < fs[j].Subject
	})
}
