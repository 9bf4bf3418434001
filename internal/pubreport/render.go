package pubreport

import (
	"fmt"
	htmltemplate "html/template"
	"io"
	"strings"
	texttemplate "text/template"

	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
)

// Formats a report renders to.
var Formats = []string{"html", "md"}

// view is the report as its renderings show it: every text localised,
// every number formatted, raw numbers beside the ones charts and
// data-value attributes need.
type view struct {
	Lang, Title, RunLine, NoPrevious string
	HasPrevious                      bool
	Headline                         []headRow
	Countries                        []countryRow
	Targets                          []targetRow
	Penetration                      []penRow
	IDN                              []idnRow
	Findings                         []findingRow
	Notes                            []string
	L                                map[string]string // labels
	IndLabels                        []string          // the seven indicators' labels, for column heads
	Chart                            htmltemplate.HTML // HTML only: the per-country SVG chart
}

type headRow struct {
	Name, Label, Value, Prev, Change string
	Raw                              float64
	Spark                            htmltemplate.HTML
}

type countryRow struct {
	Country, Domains string
	Values           []string
	Raw              []float64
}

type targetRow struct {
	Indicator, Label, Scope, Value, Target, Date, Change, Projected, Status, StatusKey string
	Ceiling                                                                            bool
}

type penRow struct {
	Country, Domains, Population, PerThousand, Prev, Change string
	Spark                                                   htmltemplate.HTML
}

type idnRow struct {
	TLD, Domains, IDN, Share, Prev, Change string
	Spark                                  htmltemplate.HTML
}

type findingRow struct{ ID, Cur, Prev, Change string }

// labelKeys are the texts the templates use, as L.<key>.
var labelKeys = []string{"pr_headline", "pr_indicator", "pr_value", "pr_previous", "pr_change", "pr_trend", "pr_countries",
	"pr_country", "pr_domains", "pr_chart", "pr_targets", "pr_scope", "pr_target", "pr_date", "pr_projected", "pr_status",
	"pr_penetration", "pr_population", "pr_per_1000", "pr_idn", "pr_tld", "pr_idn_domains", "pr_idn_share", "pr_changes",
	"pr_finding", "pr_domains_with", "pr_notes", "pr_ceiling"}

func (r *Report) view(lang string) *view {
	T := func(k string) string { return i18n.T(lang, k) }
	v := &view{Lang: lang, Title: T("pr_title"), L: map[string]string{}, HasPrevious: r.Previous != nil, NoPrevious: T("pr_no_previous")}
	for _, k := range labelKeys {
		v.L[strings.TrimPrefix(k, "pr_")] = T(k)
	}
	v.RunLine = fmt.Sprintf("%s %d, %s %s (%s: %s)", T("pr_run"), r.Run.ID, T("pr_measured"), r.Run.At.UTC().Format("2006-01-02"),
		T("ind_domains"), num(lang, float64(r.Run.Domains), 0))
	if r.Previous != nil {
		v.RunLine += fmt.Sprintf("; %s %d (%s)", T("pr_compared"), r.Previous.ID, r.Previous.At.UTC().Format("2006-01-02"))
	}
	dom := headRow{Name: "domains", Label: T("ind_domains"), Value: num(lang, float64(r.Region.Domains), 0), Raw: float64(r.Region.Domains)}
	if r.RegionPrev != nil {
		dom.Prev = num(lang, float64(r.RegionPrev.Domains), 0)
		dom.Change = change(lang, float64(r.Region.Domains-r.RegionPrev.Domains), 0)
	}
	v.Headline = append(v.Headline, dom)
	for i, name := range indicators.Names {
		cur, _ := r.Region.Value(name)
		h := headRow{Name: name, Label: T("ind_" + name), Value: pct(lang, cur), Raw: cur, Spark: spark(r.RegionTrend[i], T("ind_"+name))}
		if r.RegionPrev != nil {
			p, _ := r.RegionPrev.Value(name)
			h.Prev, h.Change = pct(lang, p), change(lang, cur-p, 2)
		}
		v.Headline = append(v.Headline, h)
		v.IndLabels = append(v.IndLabels, T("ind_"+name))
	}
	for _, c := range r.Countries {
		row := countryRow{Country: c.Country, Domains: num(lang, float64(c.Cur.Domains), 0)}
		for _, name := range indicators.Names {
			x, _ := c.Cur.Value(name)
			row.Values = append(row.Values, pct(lang, x))
			row.Raw = append(row.Raw, x)
		}
		v.Countries = append(v.Countries, row)

		p := penRow{Country: c.Country, Domains: num(lang, float64(c.Pen.Domains), 0), Population: T("pr_no_figure"), PerThousand: "–"}
		if c.Pen.Population > 0 {
			p.Population = fmt.Sprintf("%s (%d)", num(lang, float64(c.Pen.Population), 0), c.Pen.Year)
			p.PerThousand = num(lang, c.Pen.PerThousand, 4)
			p.Spark = spark(c.PenTrend, c.Country+": "+T("pr_per_1000"))
			if c.PenPrev != nil {
				p.Prev = num(lang, c.PenPrev.PerThousand, 4)
				p.Change = change(lang, c.Pen.PerThousand-c.PenPrev.PerThousand, 4)
			}
		}
		v.Penetration = append(v.Penetration, p)
	}
	for _, s := range r.IDN {
		row := idnRow{TLD: "." + s.Cur.TLD, Domains: num(lang, float64(s.Cur.Domains), 0), IDN: num(lang, float64(s.Cur.IDN), 0), Share: pct(lang, s.Cur.Pct),
			Spark: spark(s.Trend, "."+s.Cur.TLD+": "+T("pr_idn_share"))}
		if s.Prev != nil {
			row.Prev, row.Change = pct(lang, s.Prev.Pct), change(lang, s.Cur.Pct-s.Prev.Pct, 2)
		}
		v.IDN = append(v.IDN, row)
	}
	for _, p := range r.Targets {
		t := p.Target
		f := func(x float64) string {
			if t.Indicator == DomainsPer1000 {
				return num(lang, x, 4)
			}
			return pct(lang, x)
		}
		scope := t.Scope.String()
		if t.Scope.Kind == "region" {
			scope = T("pr_region")
		}
		row := targetRow{Indicator: t.Indicator, Label: T("ind_" + t.Indicator), Scope: scope, Target: f(t.Value),
			Date: t.Date.Format("2006-01-02"), Status: T("status_" + p.Status), StatusKey: p.Status, Value: "–", Ceiling: LowerIsBetter(t.Indicator)}
		if p.Known {
			row.Value = f(p.Value)
		}
		if p.Previous != nil && p.Known {
			d := 2
			if t.Indicator == DomainsPer1000 {
				d = 4
			}
			row.Change = change(lang, p.Value-*p.Previous, d)
		}
		if p.Projected != nil {
			row.Projected = f(max(0, *p.Projected))
		}
		v.Targets = append(v.Targets, row)
	}
	for _, fc := range r.Findings {
		v.Findings = append(v.Findings, findingRow{ID: fc.ID, Cur: num(lang, float64(fc.Cur), 0), Prev: num(lang, float64(fc.Prev), 0),
			Change: change(lang, float64(fc.Cur-fc.Prev), 0)})
	}
	v.Notes = []string{T("pr_note_formula"), T("pr_note_pop") + ": " + PopulationSource + ". " + T("pr_note_measured")}
	v.Chart = chart(v, T("pr_chart"), T("ind_dnssec_signed_pct"), T("ind_ipv6_ready_pct"))
	return v
}

// Render writes the report in lang (en, es, pt, fr) as format (html, md).
func (r *Report) Render(w io.Writer, lang, format string) error {
	if err := i18n.Check(lang); err != nil {
		return err
	}
	v := r.view(lang)
	switch format {
	case "md":
		return mdTemplate.Execute(w, v)
	case "html":
		return htmlTemplate.Execute(w, v)
	}
	return fmt.Errorf("format %q: want html or md", format)
}

var mdTemplate = texttemplate.Must(texttemplate.New("md").Parse(`# {{.Title}}

{{.RunLine}}

## {{.L.headline}}

| {{.L.indicator}} | {{.L.value}} | {{.L.previous}} | {{.L.change}} |
|---|---:|---:|---:|
{{range .Headline}}| {{.Label}} | {{.Value}} | {{.Prev}} | {{.Change}} |
{{end}}{{if not .HasPrevious}}
{{.NoPrevious}}
{{end}}{{if .Targets}}
## {{.L.targets}}

| {{.L.indicator}} | {{.L.scope}} | {{.L.value}} | {{.L.change}} | {{.L.target}} | {{.L.date}} | {{.L.projected}} | {{.L.status}} |
|---|---|---:|---:|---:|---|---:|---|
{{range .Targets}}| {{.Label}} | {{.Scope}} | {{.Value}} | {{.Change}} | {{if .Ceiling}}≤ {{end}}{{.Target}} | {{.Date}} | {{.Projected}} | {{.Status}} |
{{end}}{{end}}
## {{.L.countries}}

| {{.L.country}} | {{.L.domains}} |{{range .IndLabels}} {{.}} |{{end}}
|---|---:|{{range .IndLabels}}---:|{{end}}
{{range .Countries}}| {{.Country}} | {{.Domains}} |{{range .Values}} {{.}} |{{end}}
{{end}}
## {{.L.penetration}}

| {{.L.country}} | {{.L.domains}} | {{.L.population}} | {{.L.per_1000}} | {{.L.previous}} | {{.L.change}} |
|---|---:|---:|---:|---:|---:|
{{range .Penetration}}| {{.Country}} | {{.Domains}} | {{.Population}} | {{.PerThousand}} | {{.Prev}} | {{.Change}} |
{{end}}
## {{.L.idn}}

| {{.L.tld}} | {{.L.domains}} | {{.L.idn_domains}} | {{.L.idn_share}} | {{.L.previous}} | {{.L.change}} |
|---|---:|---:|---:|---:|---:|
{{range .IDN}}| {{.TLD}} | {{.Domains}} | {{.IDN}} | {{.Share}} | {{.Prev}} | {{.Change}} |
{{end}}{{if .HasPrevious}}
## {{.L.changes}}

| {{.L.finding}} | {{.L.domains_with}} | {{.L.previous}} | {{.L.change}} |
|---|---:|---:|---:|
{{range .Findings}}| {{.ID}} | {{.Cur}} | {{.Prev}} | {{.Change}} |
{{end}}{{end}}
## {{.L.notes}}

{{range .Notes}}- {{.}}
{{end}}`))

var htmlTemplate = htmltemplate.Must(htmltemplate.New("html").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;max-width:72rem;margin:0 auto;padding:1rem;line-height:1.4}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;width:100%}
caption{text-align:left;font-weight:600;padding:0.3rem 0}
th,td{border-bottom:1px solid #c8c8c8;padding:0.25rem 0.5rem;text-align:right;white-space:nowrap}
th[scope=row]{font-weight:600;background:none}
thead th{white-space:normal}
abbr{text-decoration:none}
figure{margin:0.5rem 0}
svg.chart{max-width:100%;height:auto}
th:first-child,td:first-child{text-align:left}
th{background:#eef2f6}
.scroll{overflow-x:auto}
.met,.on_track{color:#0a5c1e}.off_track{color:#8a1010}
svg text{font-size:12px;fill:#1a1a1a}
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p data-run>{{.RunLine}}</p>
<section aria-labelledby="headline">
<h2 id="headline">{{.L.headline}}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">{{.L.indicator}}</th><th scope="col">{{.L.value}}</th><th scope="col">{{.L.previous}}</th><th scope="col">{{.L.change}}</th><th scope="col">{{.L.trend}}</th></tr></thead>
<tbody>
{{range .Headline}}<tr data-indicator="{{.Name}}" data-value="{{printf "%g" .Raw}}"><th scope="row">{{.Label}}</th><td>{{.Value}}</td><td>{{.Prev}}</td><td>{{.Change}}</td><td>{{.Spark}}</td></tr>
{{end}}</tbody></table></div>
{{if not .HasPrevious}}<p>{{.NoPrevious}}</p>{{end}}
</section>
{{if .Targets}}<section aria-labelledby="targets">
<h2 id="targets">{{.L.targets}}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">{{.L.indicator}}</th><th scope="col">{{.L.scope}}</th><th scope="col">{{.L.value}}</th><th scope="col">{{.L.change}}</th><th scope="col">{{.L.target}}</th><th scope="col">{{.L.date}}</th><th scope="col">{{.L.projected}}</th><th scope="col">{{.L.status}}</th></tr></thead>
<tbody>
{{range .Targets}}<tr data-target="{{.Indicator}}"><th scope="row">{{.Label}}</th><td>{{.Scope}}</td><td>{{.Value}}</td><td>{{.Change}}</td><td>{{if .Ceiling}}<abbr title="{{$.L.ceiling}}">≤</abbr> {{end}}{{.Target}}</td><td>{{.Date}}</td><td>{{.Projected}}</td><td class="{{.StatusKey}}" data-status="{{.StatusKey}}">{{.Status}}</td></tr>
{{end}}</tbody></table></div>
</section>{{end}}
<section aria-labelledby="countries">
<h2 id="countries">{{.L.countries}}</h2>
{{.Chart}}
<div class="scroll"><table>
<thead><tr><th scope="col">{{.L.country}}</th><th scope="col">{{.L.domains}}</th>{{range .IndLabels}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Countries}}<tr data-country="{{.Country}}"><th scope="row">{{.Country}}</th><td>{{.Domains}}</td>{{range .Values}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody></table></div>
</section>
<section aria-labelledby="penetration">
<h2 id="penetration">{{.L.penetration}}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">{{.L.country}}</th><th scope="col">{{.L.domains}}</th><th scope="col">{{.L.population}}</th><th scope="col">{{.L.per_1000}}</th><th scope="col">{{.L.previous}}</th><th scope="col">{{.L.change}}</th><th scope="col">{{.L.trend}}</th></tr></thead>
<tbody>
{{range .Penetration}}<tr data-penetration="{{.Country}}"><th scope="row">{{.Country}}</th><td>{{.Domains}}</td><td>{{.Population}}</td><td>{{.PerThousand}}</td><td>{{.Prev}}</td><td>{{.Change}}</td><td>{{.Spark}}</td></tr>
{{end}}</tbody></table></div>
</section>
<section aria-labelledby="idn">
<h2 id="idn">{{.L.idn}}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">{{.L.tld}}</th><th scope="col">{{.L.domains}}</th><th scope="col">{{.L.idn_domains}}</th><th scope="col">{{.L.idn_share}}</th><th scope="col">{{.L.previous}}</th><th scope="col">{{.L.change}}</th><th scope="col">{{.L.trend}}</th></tr></thead>
<tbody>
{{range .IDN}}<tr data-tld="{{.TLD}}"><th scope="row">{{.TLD}}</th><td>{{.Domains}}</td><td>{{.IDN}}</td><td>{{.Share}}</td><td>{{.Prev}}</td><td>{{.Change}}</td><td>{{.Spark}}</td></tr>
{{end}}</tbody></table></div>
</section>
{{if .HasPrevious}}<section aria-labelledby="changes">
<h2 id="changes">{{.L.changes}}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">{{.L.finding}}</th><th scope="col">{{.L.domains_with}}</th><th scope="col">{{.L.previous}}</th><th scope="col">{{.L.change}}</th></tr></thead>
<tbody>
{{range .Findings}}<tr data-finding="{{.ID}}"><th scope="row">{{.ID}}</th><td>{{.Cur}}</td><td>{{.Prev}}</td><td>{{.Change}}</td></tr>
{{end}}</tbody></table></div>
</section>{{end}}
<section aria-labelledby="notes">
<h2 id="notes">{{.L.notes}}</h2>
<ul>{{range .Notes}}<li>{{.}}</li>{{end}}</ul>
</section>
</main>
</body>
</html>
`))
