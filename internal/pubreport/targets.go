package pubreport

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
)

// ExampleTargets is the example targets file the demo ships.
//
//go:embed targets.example.yml
var ExampleTargets []byte

// Extra indicators a target can name besides indicators.Names.
const (
	DomainsPer1000 = "domains_per_1000" // a country's domains per 1,000 inhabitants
	IDNPct         = "idn_pct"          // the share of IDN domains
)

// TargetIndicators are the indicators a target can name.
func TargetIndicators() []string {
	return append(slices.Clone(indicators.Names), DomainsPer1000, IDNPct)
}

// Target is a value an indicator of a scope should reach by a date.
type Target struct {
	Indicator string
	Scope     indicators.Scope
	Value     float64
	Date      time.Time
}

// targetFile is the YAML form: `targets:` then a list.
type targetFile struct {
	Targets []targetYAML `yaml:"targets"`
}

type targetYAML struct {
	Indicator string   `yaml:"indicator"`
	Scope     string   `yaml:"scope"`
	Target    *float64 `yaml:"target"`
	Date      string   `yaml:"date"`
}

// ParseTargets reads a targets file (YAML, unknown fields refused) and
// checks every target; an error names the first problem and its target
// (1-based).
func ParseTargets(data []byte) ([]Target, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f targetFile
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("no targets: want a list under \"targets:\"")
		}
		var te *yaml.TypeError
		if errors.As(err, &te) { // one line: the first problem
			return nil, fmt.Errorf("%s", strings.TrimSpace(te.Errors[0]))
		}
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(f.Targets) == 0 {
		return nil, fmt.Errorf("no targets: want a list under \"targets:\"")
	}
	out := make([]Target, 0, len(f.Targets))
	for i, y := range f.Targets {
		t, err := y.check()
		if err != nil {
			return nil, fmt.Errorf("target %d: %w", i+1, err)
		}
		out = append(out, t)
	}
	return out, nil
}

func (y targetYAML) check() (Target, error) {
	if !slices.Contains(TargetIndicators(), y.Indicator) {
		return Target{}, fmt.Errorf("indicator %q: want one of %s", y.Indicator, strings.Join(TargetIndicators(), ", "))
	}
	sc, err := indicators.ParseScope(y.Scope)
	if err != nil {
		return Target{}, err
	}
	if y.Indicator == DomainsPer1000 && sc.Kind != "country" {
		return Target{}, fmt.Errorf("%s needs a country:CC scope, not %q", DomainsPer1000, y.Scope)
	}
	if y.Target == nil {
		return Target{}, fmt.Errorf("no target value")
	}
	v := *y.Target
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (strings.HasSuffix(y.Indicator, "_pct") && v > 100) {
		return Target{}, fmt.Errorf("target %v: want a number from 0 to 100 for a percentage, 0 or more otherwise", v)
	}
	d, err := time.Parse(time.DateOnly, y.Date)
	if err != nil {
		return Target{}, fmt.Errorf("date %q: want YYYY-MM-DD", y.Date)
	}
	return Target{Indicator: y.Indicator, Scope: sc, Value: v, Date: d}, nil
}

// Measure returns an indicator of a scope over a run's rows: one of
// indicators.Names, DomainsPer1000 (country scope; ok is false without a
// population figure) or IDNPct. ok is false for an unknown indicator.
func Measure(rows []indicators.Row, indicator string, scope indicators.Scope) (v float64, ok bool) {
	switch indicator {
	case DomainsPer1000:
		if scope.Kind != "country" {
			return 0, false
		}
		n := 0
		for i := range rows {
			if scope.In(&rows[i]) {
				n++
			}
		}
		p := penetration(scope.Value, n)
		return p.PerThousand, p.Population > 0
	case IDNPct:
		n, idn := 0, 0
		for i := range rows {
			if scope.In(&rows[i]) {
				n++
				if IsIDN(rows[i].Domain) {
					idn++
				}
			}
		}
		if n == 0 {
			return 0, true
		}
		return 100 * float64(idn) / float64(n), true
	}
	return indicators.Compute(rows, scope).Value(indicator)
}

// LowerIsBetter reports whether a target of indicator is a ceiling.
func LowerIsBetter(indicator string) bool { return indicators.LowerIsBetter(indicator) }

// Progress statuses of a target.
const (
	StatusMet      = "met"       // the value has reached the target
	StatusOnTrack  = "on_track"  // at the trend of the runs, it reaches it by the date
	StatusOffTrack = "off_track" // at that trend, it does not (or the date has passed)
	StatusNoTrend  = "no_trend"  // one run only: no trend yet
)

// Progress is a target against the runs: the value now, its change since
// the previous run, and where the trend from the first run to this one
// leads by the target's date.
type Progress struct {
	Target    Target
	Value     float64
	Known     bool     // the value could be measured
	Previous  *float64 // the previous run's value
	Projected *float64 // the value at the target's date at the trend (two runs or more)
	Status    string
}

// Track measures each target over the runs (oldest first; the last is the
// report's run).
func Track(targets []Target, runs []Run) []Progress {
	if len(runs) == 0 {
		return nil
	}
	cur := runs[len(runs)-1]
	out := make([]Progress, 0, len(targets))
	for _, t := range targets {
		p := Progress{Target: t}
		p.Value, p.Known = Measure(cur.Rows, t.Indicator, t.Scope)
		if len(runs) >= 2 {
			if v, ok := Measure(runs[len(runs)-2].Rows, t.Indicator, t.Scope); ok {
				p.Previous = &v
			}
		}
		better := func(v float64) bool {
			if LowerIsBetter(t.Indicator) {
				return v <= t.Value
			}
			return v >= t.Value
		}
		first := runs[0]
		v0, ok0 := Measure(first.Rows, t.Indicator, t.Scope)
		days := cur.At.Sub(first.At).Hours() / 24
		switch {
		case !p.Known:
			p.Status = StatusNoTrend
		case better(p.Value):
			p.Status = StatusMet
		case len(runs) < 2 || !ok0 || days <= 0:
			p.Status = StatusNoTrend
		default:
			left := t.Date.Sub(cur.At).Hours() / 24
			proj := p.Value + (p.Value-v0)/days*max(left, 0)
			p.Projected = &proj
			if left > 0 && better(proj) {
				p.Status = StatusOnTrack
			} else {
				p.Status = StatusOffTrack
			}
		}
		out = append(out, p)
	}
	return out
}
