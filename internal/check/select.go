package check

import (
	"fmt"
	"strings"
)

// Selection chooses which checks' findings a report keeps (check --only,
// --skip). The nil Selection keeps every finding. It filters findings by ID
// after the areas ran: the areas stay whole and pure, and a check that
// another one's verdict depends on still sees its input.
type Selection struct {
	ids  map[string]bool
	only bool // ids are the checks to keep; otherwise those to drop
}

// Select returns the Selection of the comma-separated IDs in only (keep
// just these) or skip (keep all but these); at most one may be non-empty.
// An ID may be written in any case. An unknown ID is an error naming it.
func Select(only, skip string) (*Selection, error) {
	if only != "" && skip != "" {
		return nil, fmt.Errorf("give --only or --skip, not both: --only names the checks to run, --skip those to leave out")
	}
	list, flag := only, "--only"
	if skip != "" {
		list, flag = skip, "--skip"
	}
	if list == "" {
		return nil, nil
	}
	s := &Selection{ids: map[string]bool{}, only: only != ""}
	for _, id := range strings.Split(list, ",") {
		id = strings.ToUpper(strings.TrimSpace(id))
		if id == "" {
			continue
		}
		if _, ok := Lookup(id); !ok {
			return nil, fmt.Errorf("%s: unknown check ID %q: 'dnsobs checks' lists them", flag, id)
		}
		s.ids[id] = true
	}
	if len(s.ids) == 0 {
		return nil, fmt.Errorf("%s: no check ID given: 'dnsobs checks' lists them", flag)
	}
	return s, nil
}

// Keep reports whether findings of the check id are kept.
func (s *Selection) Keep(id string) bool {
	if s == nil {
		return true
	}
	return s.ids[id] == s.only
}

// Filter returns the findings s keeps, in their order.
func (s *Selection) Filter(fs []Finding) []Finding {
	if s == nil {
		return fs
	}
	out := fs[:0:0]
	for _, f := range fs {
		if s.Keep(f.ID) {
			out = append(out, f)
		}
	}
	return out
}
