// Package check is the catalog of health checks and the types they share.
//
// A check is a small self-describing unit: a Definition (stable ID,
// category, severity, texts in en/es/pt/fr, references) registered from
// an area package's init, and a pure function from a domain's analysed
// observations to findings. Areas live in internal/check/<area>/ and are
// linked in by internal/check/all.
package check

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity orders how bad a finding is.
type Severity int

// Severities, least to most severe.
const (
	Info Severity = iota
	Notice
	Warning
	Error
	Critical
)

var severityNames = []string{"info", "notice", "warning", "error", "critical"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// ParseSeverity parses a severity name.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want one of %s)", s, strings.Join(severityNames, ", "))
}

// Category groups checks the way reports present them.
type Category string

// Categories.
const (
	Delegation  Category = "delegation"  // what the parent says and how it matches the child
	Nameserver  Category = "nameserver"  // health of each server address
	Consistency Category = "consistency" // servers agree with each other
	Diversity   Category = "diversity"   // network and address-family diversity
	DNSSEC      Category = "dnssec"      // chain of trust and signing hygiene
	Zone        Category = "zone"        // the zone's own data: its SOA record
	Syntax      Category = "syntax"      // the form of the names: domain, NS, SOA MNAME and RNAME
	Content     Category = "content"     // what the zone publishes: MX, SPF, the SOA's MNAME
	Address     Category = "address"     // the names behind the nameserver addresses (reverse DNS)
)

// Languages the catalog is written in. Every Definition has text in each.
var Languages = []string{"en", "es", "pt", "fr"}

// Text is a check's message and remediation in one language. Message may
// hold {subject} and {detail}, replaced when a finding is rendered; the
// detail is the finding's Detail template in that language, with the
// finding's Args in its {name} placeholders (see detail.go).
type Text struct {
	Title       string `json:"title"`
	Message     string `json:"message"`
	Remediation string `json:"remediation"`
}

// Definition describes one check.
type Definition struct {
	ID         string          `json:"id"`
	Category   Category        `json:"category"`
	Severity   Severity        `json:"severity"`
	Text       map[string]Text `json:"text"`
	References []string        `json:"references"` // e.g. "RFC 1034 §4.2.1"
	// Zonemaster names the Zonemaster test cases (upper case, e.g.
	// "DELEGATION01") and then the message tags of their specifications
	// (e.g. "NOT_ENOUGH_NS_CHILD") that the check corresponds to; empty
	// when Zonemaster has no such test. See zonemaster.go.
	Zonemaster []string `json:"zonemaster"`
	// Details are the ways the check says a finding's specifics, by key:
	// a template per language placing the finding's Args.
	Details map[string]Detail `json:"details,omitempty"`
}

// Finding is one thing a check found. Message and Remediation are filled
// by Render in the requested language.
type Finding struct {
	ID          string   `json:"id"`
	Severity    Severity `json:"severity"`
	Category    Category `json:"category"`
	Subject     string   `json:"subject,omitempty"`    // what it is about: a server address, an NS name, an RRset
	Detail      string   `json:"detail,omitempty"`     // the specifics in English: DetailKey's en template with Args
	DetailKey   string   `json:"detail_key,omitempty"` // which of the check's Details templates says it
	Args        Args     `json:"args,omitempty"`       // the named values the templates place: serials, addresses, dates
	Evidence    []int    `json:"evidence,omitempty"`   // sequence numbers of the queries that show it
	Message     string   `json:"message"`
	Remediation string   `json:"remediation"`
}

var (
	mu      sync.RWMutex
	catalog = map[string]Definition{}
)

// Handle is a registered check, and the only way to make its findings:
// an area keeps the Handle that Register returns in a package variable and
// reports with handle.New, so a misspelt check is a compile error, never a
// run-time panic.
type Handle struct{ def Definition }

// Register adds d to the catalog and returns its Handle. It panics on an
// empty or duplicate ID, a missing language or an invalid severity: those
// are programming errors, caught at start-up (package initialisation) by
// every test.
func Register(d Definition) Handle {
	mu.Lock()
	defer mu.Unlock()
	if d.ID == "" {
		panic("check: Register with an empty ID")
	}
	if _, dup := catalog[d.ID]; dup {
		panic("check: duplicate ID " + d.ID)
	}
	if d.Severity < Info || d.Severity > Critical {
		panic("check: " + d.ID + " has an invalid severity")
	}
	for _, l := range Languages {
		t, ok := d.Text[l]
		if !ok || t.Title == "" || t.Message == "" || t.Remediation == "" {
			panic("check: " + d.ID + " lacks its " + l + " text")
		}
	}
	if err := validateDetails(d); err != nil {
		panic("check: " + d.ID + ": " + err.Error())
	}
	if d.Zonemaster == nil {
		d.Zonemaster = []string{} // JSON [] rather than null: the field is always a list
	}
	catalog[d.ID] = d
	return Handle{def: d}
}

// ID is the check's stable ID.
func (h Handle) ID() string { return h.def.ID }

// Definition is the check's catalog entry.
func (h Handle) Definition() Definition { return h.def }

// New returns a finding of the check about subject, its specifics said by
// the check's detail template key with args, citing the queries whose
// sequence numbers are evidence. Detail is the English rendering.
func (h Handle) New(subject, key string, args Args, evidence ...int) Finding {
	if len(args) == 0 {
		args = nil
	}
	return Finding{ID: h.def.ID, Severity: h.def.Severity, Category: h.def.Category, Subject: subject,
		Detail: detailText(h.def, "en", key, args), DetailKey: key, Args: args, Evidence: evidence}
}

// Lookup returns the definition of id.
func Lookup(id string) (Definition, bool) {
	mu.RLock()
	defer mu.RUnlock()
	d, ok := catalog[id]
	return d, ok
}

// All returns every definition, ordered by category then ID.
func All() []Definition {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]Definition, 0, len(catalog))
	for _, d := range catalog {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Render fills f's Message and Remediation in lang (English when lang is
// not in the catalog).
func Render(f *Finding, lang string) {
	d, ok := Lookup(f.ID)
	if !ok {
		return
	}
	t, ok := d.Text[lang]
	if !ok {
		t = d.Text["en"]
	}
	detail := RenderDetail(f, lang)
	value := func(name string) (string, bool) {
		switch name {
		case "subject":
			return f.Subject, true
		case "detail":
			return detail, true
		}
		return "", false
	}
	f.Message = expand(t.Message, value)
	f.Remediation = expand(t.Remediation, value)
}
