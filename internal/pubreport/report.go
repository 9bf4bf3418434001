package pubreport

import (
	"sort"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
)

// Run is one run's export rows, with its ID and time (its start).
type Run struct {
	ID   int64
	At   time.Time
	Rows []indicators.Row
}

// Report is what the public report of a run says, before rendering.
type Report struct {
	Run      RunRef
	Previous *RunRef  // the run compared with, when there is one
	History  []RunRef // every run of the trend, oldest first (the report's last)

	Region      indicators.Result
	RegionPrev  *indicators.Result
	RegionTrend [][]float64 // per indicator (indicators.Names order), its value in each run of History

	Countries []CountryRow
	IDN       []IDNRow
	Targets   []Progress
	Findings  []FindingChange // every finding ID of either run, biggest change first
}

// RunRef names a run.
type RunRef struct {
	ID      int64
	At      time.Time
	Domains int
}

// CountryRow is a country's indicators and penetration, now and before.
type CountryRow struct {
	Country  string
	Cur      indicators.Result
	Prev     *indicators.Result
	Pen      Penetration
	PenPrev  *Penetration
	PenTrend []float64 // per 1,000 inhabitants in each run of History (0 where it had no domain)
}

// IDNRow is a TLD's IDN share, now and before.
type IDNRow struct {
	Cur   IDNShare
	Prev  *IDNShare
	Trend []float64 // the share in each run of History (0 where it had no domain)
}

// FindingChange is a finding's prevalence (domains) now and before.
type FindingChange struct {
	ID        string
	Cur, Prev int
}

// Build makes the report of the last of runs (oldest first), compared with
// the one before it, with targets tracked over all of them.
func Build(runs []Run, targets []Target) *Report {
	if len(runs) == 0 {
		return nil
	}
	cur := runs[len(runs)-1]
	r := &Report{Run: ref(cur)}
	var prev *Run
	if len(runs) >= 2 {
		prev = &runs[len(runs)-2]
		p := ref(*prev)
		r.Previous = &p
	}
	for _, run := range runs {
		r.History = append(r.History, ref(run))
	}
	r.Region = indicators.Compute(cur.Rows, indicators.Region)
	r.RegionTrend = make([][]float64, len(indicators.Names))
	for _, run := range runs {
		res := indicators.Compute(run.Rows, indicators.Region)
		for i, name := range indicators.Names {
			v, _ := res.Value(name)
			r.RegionTrend[i] = append(r.RegionTrend[i], v)
		}
	}
	// Per run of the history: penetration by country, IDN share by TLD.
	penHist := make([]map[string]float64, len(runs))
	idnHist := make([]map[string]float64, len(runs))
	for i, run := range runs {
		penHist[i], idnHist[i] = map[string]float64{}, map[string]float64{}
		for _, p := range Penetrations(run.Rows) {
			penHist[i][p.Country] = p.PerThousand
		}
		for _, s := range IDNShares(run.Rows) {
			idnHist[i][s.TLD] = s.Pct
		}
	}
	prevPen := map[string]Penetration{}
	prevIDN := map[string]IDNShare{}
	if prev != nil {
		res := indicators.Compute(prev.Rows, indicators.Region)
		r.RegionPrev = &res
		for _, p := range Penetrations(prev.Rows) {
			prevPen[p.Country] = p
		}
		for _, s := range IDNShares(prev.Rows) {
			prevIDN[s.TLD] = s
		}
	}
	for _, pen := range Penetrations(cur.Rows) {
		sc := indicators.Scope{Kind: "country", Value: pen.Country}
		row := CountryRow{Country: pen.Country, Cur: indicators.Compute(cur.Rows, sc), Pen: pen}
		for _, h := range penHist {
			row.PenTrend = append(row.PenTrend, h[pen.Country])
		}
		if prev != nil {
			res := indicators.Compute(prev.Rows, sc)
			if res.Domains > 0 {
				row.Prev = &res
			}
			if p, ok := prevPen[pen.Country]; ok {
				row.PenPrev = &p
			}
		}
		r.Countries = append(r.Countries, row)
	}
	for _, s := range IDNShares(cur.Rows) {
		row := IDNRow{Cur: s}
		for _, h := range idnHist {
			row.Trend = append(row.Trend, h[s.TLD])
		}
		if p, ok := prevIDN[s.TLD]; ok {
			row.Prev = &p
		}
		r.IDN = append(r.IDN, row)
	}
	r.Targets = Track(targets, runs)
	ids := map[string]*FindingChange{}
	get := func(id string) *FindingChange {
		if ids[id] == nil {
			ids[id] = &FindingChange{ID: id}
		}
		return ids[id]
	}
	for id, n := range r.Region.Findings {
		get(id).Cur = n
	}
	if r.RegionPrev != nil {
		for id, n := range r.RegionPrev.Findings {
			get(id).Prev = n
		}
	}
	for _, f := range ids {
		r.Findings = append(r.Findings, *f)
	}
	sort.Slice(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		da, db := abs(a.Cur-a.Prev), abs(b.Cur-b.Prev)
		if da != db {
			return da > db
		}
		if a.Cur != b.Cur {
			return a.Cur > b.Cur
		}
		return a.ID < b.ID
	})
	return r
}

func ref(r Run) RunRef { return RunRef{ID: r.ID, At: r.At, Domains: len(r.Rows)} }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
