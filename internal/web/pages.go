package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// defaultLang is the language when nothing asks for another.
const defaultLang = "es"

// langCookie is the cookie ?lang= sets.
const langCookie = "lang"

// pickLang chooses the page language: ?lang= (and sets the cookie) >
// the lang cookie > Accept-Language > es.
func pickLang(w http.ResponseWriter, r *http.Request) string {
	if v := r.URL.Query().Get("lang"); v != "" && i18n.Check(v) == nil {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: v, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
		return v
	}
	if c, err := r.Cookie(langCookie); err == nil && i18n.Check(c.Value) == nil {
		return c.Value
	}
	if l := acceptLanguage(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return defaultLang
}

// acceptLanguage returns the supported language the header prefers (by
// q-value, then order), matching on the primary subtag; "" when none.
func acceptLanguage(h string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(f) || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if i18n.Check(primary) == nil && q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}

// templates are the pages, each the layout with its own content.
type templates struct{ pages map[string]*template.Template }

var pageNames = []string{"overview", "scope", "domain", "run", "runs", "checks", "notfound", "ondemand"}

func parseTemplates() (*templates, error) {
	base, err := template.New("layout.html").Funcs(template.FuncMap{"sparkline": sparkline}).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, p := range pageNames {
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t.pages[p], err = c.ParseFS(templateFS, "templates/"+p+".html"); err != nil {
			return nil, fmt.Errorf("web: templates: %w", err)
		}
	}
	return t, nil
}

// page is what every template gets.
type page struct {
	Lang  string
	Title string
	Path  string // the page's path, for the language links
	Q     string
	Body  any
}

// T is the text of key in the page's language.
func (p *page) T(key string) string { return i18n.T(p.Lang, key) }

// Tf is T with fmt arguments.
func (p *page) Tf(key string, a ...any) string { return fmt.Sprintf(p.T(key), a...) }

// Langs are the language links.
func (p *page) Langs() []string { return i18n.Languages }

// LangURL is the page's URL in another language.
func (p *page) LangURL(lang string) string { return p.Path + "?lang=" + lang }

// Pct formats a percentage the page's way: 12.5 % or 12,5 %.
func (p *page) Pct(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if p.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	if p.Lang == "en" {
		return s + "%"
	}
	return s + "\u00a0%"
}

// Plain is a number as data-value holds it: dot decimal, no unit.
func (p *page) Plain(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Time formats a time (or *time.Time) in UTC.
func (p *page) Time(v any) string {
	switch t := v.(type) {
	case time.Time:
		return t.UTC().Format("2006-01-02 15:04:05Z")
	case *time.Time:
		if t != nil {
			return t.UTC().Format("2006-01-02 15:04:05Z")
		}
	}
	return ""
}

// Host is a domain name without its final dot, as pages show and link it.
func (p *page) Host(name string) string { return strings.TrimSuffix(name, ".") }

// Sev is a severity's name in the page's language.
func (p *page) Sev(s string) string { return p.T(s) }

// YesNo is yes or no.
func (p *page) YesNo(b bool) string {
	if b {
		return p.T("web.yes")
	}
	return p.T("web.no")
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name, title string, body any) {
	lang := pickLang(w, r)
	p := &page{Lang: lang, Title: title, Path: r.URL.Path, Q: r.URL.Query().Get("q"), Body: body}
	var buf bytes.Buffer
	if err := s.tmpl.pages[name].Execute(&buf, p); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	h.Set("Vary", "Accept-Language, Cookie")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// pageFail shows an error page: 400 or 404 for bad input, 500 for ours.
func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *paramError
	switch {
	case isNotFound(err):
		s.notFoundPage(w, r, "")
	case errors.As(err, &pe):
		s.render(w, r, http.StatusBadRequest, "notfound", "", notFoundBody{Message: pe.msg})
	default:
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
		s.render(w, r, http.StatusInternalServerError, "notfound", "", notFoundBody{Message: "internal error"})
	}
}

type notFoundBody struct {
	Message string
	Domain  string // offered to the on-demand form
	CanAsk  bool
}

func (s *Server) notFoundPage(w http.ResponseWriter, r *http.Request, domain string) {
	s.render(w, r, http.StatusNotFound, "notfound", "", notFoundBody{Domain: domain, CanAsk: s.cfg.Check != nil})
}

// noResultPage answers a search that found nothing: 200, a search result
// like any other (a 4xx document would be a console error in browsers),
// with the on-demand form for a domain name.
func (s *Server) noResultPage(w http.ResponseWriter, r *http.Request, domain string) {
	s.render(w, r, http.StatusOK, "notfound", "", notFoundBody{Domain: domain, CanAsk: s.cfg.Check != nil})
}

// indicatorView is one headline indicator on a page.
type indicatorView struct {
	Name  string
	Value float64
	Trend []float64
}

// scopeView is the body of the overview and of a country or TLD page.
type scopeView struct {
	Run        store.Run
	Scope      indicators.Scope
	Domains    int
	Indicators []indicatorView
	Findings   []findingCount
	Countries  []scopeRow
	TLDs       []scopeRow
	Dist       []distribution
	TopASNs    []bucket
	DomainList []domainRow
	More       int
}

type findingCount struct {
	ID    string
	Title string
	N     int
	Pct   float64
}

type scopeRow struct {
	Scope   indicators.Scope
	Domains int
	Signed  float64
	IPv6    float64
	Multi   float64
}

type distribution struct {
	Key     string
	Buckets []bucket
}

type bucket struct {
	Key string
	N   int
}

func (s *Server) scopeBody(r *http.Request, lang string, scope indicators.Scope) (*scopeView, error) {
	run, d, err := s.scopeRun(r, scope)
	if err != nil {
		return nil, err
	}
	trend, err := s.trend(r.Context(), scope, run.ID)
	if err != nil {
		return nil, err
	}
	in := d.tally.Indicators(scope)
	v := &scopeView{Run: run, Scope: scope, Domains: in.Domains}
	for _, name := range indicators.Names {
		iv := indicatorView{Name: name}
		iv.Value, _ = in.Value(name)
		for _, p := range trend {
			x, _ := p.Indicators.Value(name)
			iv.Trend = append(iv.Trend, x)
		}
		v.Indicators = append(v.Indicators, iv)
	}
	for id, n := range in.Findings {
		title := id
		if def, ok := check.Lookup(id); ok {
			if t, ok := def.Text[lang]; ok {
				title = t.Title
			}
		}
		v.Findings = append(v.Findings, findingCount{ID: id, Title: title, N: n, Pct: 100 * float64(n) / float64(max(1, in.Domains))})
	}
	sort.Slice(v.Findings, func(i, j int) bool {
		if v.Findings[i].N != v.Findings[j].N {
			return v.Findings[i].N > v.Findings[j].N
		}
		return v.Findings[i].ID < v.Findings[j].ID
	})
	if scope == indicators.Region {
		for _, kind := range []string{"country", "tld"} {
			for _, sc := range d.tally.Scopes(kind) {
				x := d.tally.Indicators(sc)
				row := scopeRow{Scope: sc, Domains: x.Domains, Signed: x.DNSSECSignedPct, IPv6: x.IPv6ReadyPct, Multi: x.NSMultiASNPct}
				if kind == "country" {
					v.Countries = append(v.Countries, row)
				} else {
					v.TLDs = append(v.TLDs, row)
				}
			}
		}
		return v, nil
	}
	// Distributions and top networks from the store's aggregates.
	aggs, err := s.cfg.Store.Aggregates(r.Context(), run.ID)
	if err != nil {
		return nil, err
	}
	dist := map[string][]bucket{}
	for _, a := range aggs {
		if a.Scope != scope.String() {
			continue
		}
		switch a.Metric {
		case "ns_count", "asn_count", "prefix_count":
			dist[a.Metric] = append(dist[a.Metric], bucket{a.Key, int(a.Value)})
		case "top_asn":
			v.TopASNs = append(v.TopASNs, bucket{a.Key, int(a.Value)})
		}
	}
	for _, m := range []string{"ns_count", "asn_count", "prefix_count"} {
		b := dist[m]
		sort.Slice(b, func(i, j int) bool { return atoiOr(b[i].Key) < atoiOr(b[j].Key) })
		v.Dist = append(v.Dist, distribution{Key: "web." + m, Buckets: b})
	}
	sort.Slice(v.TopASNs, func(i, j int) bool {
		if v.TopASNs[i].N != v.TopASNs[j].N {
			return v.TopASNs[i].N > v.TopASNs[j].N
		}
		return atoiOr(v.TopASNs[i].Key) < atoiOr(v.TopASNs[j].Key)
	})
	rows := filterRows(d.domains, scope, "")
	const shown = 200
	v.DomainList = rows[:min(len(rows), shown)]
	v.More = len(rows) - len(v.DomainList)
	return v, nil
}

// scopeRun is the run a scope page shows: ?run=, else the newest done run
// with a domain in the scope (for the region, the newest done run).
func (s *Server) scopeRun(r *http.Request, scope indicators.Scope) (store.Run, *runData, error) {
	ctx := r.Context()
	if p := r.URL.Query().Get("run"); p != "" || scope == indicators.Region {
		run, err := s.resolveRun(ctx, p)
		if err != nil {
			return run, nil, err
		}
		d, err := s.data.get(ctx, run)
		if err != nil {
			return run, nil, err
		}
		if !d.tally.Has(scope) {
			return run, nil, fmt.Errorf("web: run %d has no domain in %s: %w", run.ID, scope, store.ErrNotFound)
		}
		return run, d, nil
	}
	runs, err := s.cfg.Store.ListRuns(ctx)
	if err != nil {
		return store.Run{}, nil, err
	}
	for i, run := range runs {
		if run.Status != store.RunDone || i >= maxCachedRuns {
			continue
		}
		d, err := s.data.get(ctx, run)
		if err != nil {
			return run, nil, err
		}
		if d.tally.Has(scope) {
			return run, d, nil
		}
	}
	return store.Run{}, nil, fmt.Errorf("web: no run has a domain in %s: %w", scope, store.ErrNotFound)
}

func atoiOr(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return math.MaxInt
	}
	return n
}

func (s *Server) pageOverview(w http.ResponseWriter, r *http.Request) {
	lang := pickLang(w, r)
	v, err := s.scopeBody(r, lang, indicators.Region)
	if isNotFound(err) && r.URL.Query().Get("run") == "" {
		s.render(w, r, http.StatusOK, "overview", "", nil) // no run yet
		return
	}
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "overview", "", v)
}

func (s *Server) pageCountry(w http.ResponseWriter, r *http.Request) {
	s.scopePage(w, r, "country:"+r.PathValue("cc"))
}

func (s *Server) pageTLD(w http.ResponseWriter, r *http.Request) {
	s.scopePage(w, r, "tld:"+r.PathValue("tld"))
}

func (s *Server) scopePage(w http.ResponseWriter, r *http.Request, raw string) {
	scope, err := indicators.ParseScope(raw)
	if err != nil {
		s.pageFail(w, r, badParam("%v", err))
		return
	}
	v, err := s.scopeBody(r, pickLang(w, r), scope)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "scope", scope.Value, v)
}

// domainView is the body of a domain page.
type domainView struct {
	Name      string
	Run       *store.Run // nil for an on-demand result
	OnDemand  string     // the on-demand check's time
	Report    *report.Report
	ChainDesc []chainRow
	History   []historyRow
}

type chainRow struct{ Zone, Status, Reason string }

type historyRow struct {
	Run       store.Run
	DNSSEC    string
	Worst     string
	NFindings int
}

func (s *Server) pageDomain(w http.ResponseWriter, r *http.Request) {
	lang := pickLang(w, r)
	name, err := domainParam(r.PathValue("name"))
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v := &domainView{Name: name}
	run, raw, err := s.domainReport(r.Context(), name, r.URL.Query().Get("run"))
	switch {
	case err == nil:
		v.Run = &run
	case isNotFound(err) && r.URL.Query().Get("run") == "":
		res, _ := s.od.lookup(name)
		if res == nil || res.report == nil {
			s.notFoundPage(w, r, strings.TrimSuffix(name, "."))
			return
		}
		raw, v.OnDemand = res.report, rfc3339(res.at)
	default:
		s.pageFail(w, r, err)
		return
	}
	var rep report.Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		s.pageFail(w, r, fmt.Errorf("web: report of %s: %w", name, err))
		return
	}
	for i := range rep.Findings {
		check.Render(&rep.Findings[i], lang)
	}
	v.Report = &rep
	if rep.DNSSEC != nil {
		for _, z := range rep.DNSSEC.Chain {
			v.ChainDesc = append(v.ChainDesc, chainRow{Zone: z.Zone, Status: string(z.Status), Reason: z.Reason})
		}
	}
	runs, err := s.cfg.Store.ListRuns(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	for _, hr := range runs {
		if len(v.History) >= maxTrendRuns {
			break
		}
		b, err := s.cfg.Store.Report(r.Context(), hr.ID, name)
		if err != nil {
			continue
		}
		var h struct {
			DNSSEC *struct {
				Status string `json:"status"`
			} `json:"dnssec"`
			Findings []json.RawMessage `json:"findings"`
			Summary  struct {
				Worst string `json:"worst"`
			} `json:"summary"`
		}
		if json.Unmarshal(b, &h) != nil {
			continue
		}
		row := historyRow{Run: hr, Worst: h.Summary.Worst, NFindings: len(h.Findings)}
		if h.DNSSEC != nil {
			row.DNSSEC = h.DNSSEC.Status
		}
		v.History = append(v.History, row)
	}
	s.render(w, r, http.StatusOK, "domain", strings.TrimSuffix(name, "."), v)
}

// runView is the body of a run page.
type runView struct {
	Run      store.Run
	Duration string
	Params   []bucket
}

func (s *Server) pageRun(w http.ResponseWriter, r *http.Request) {
	run, err := s.resolveRun(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v := runView{Run: run}
	if run.FinishedAt != nil {
		v.Duration = run.FinishedAt.Sub(run.StartedAt).Round(time.Second).String()
	}
	for k, val := range run.Parameters {
		v.Params = append(v.Params, bucket{Key: k + " = " + val})
	}
	sort.Slice(v.Params, func(i, j int) bool { return v.Params[i].Key < v.Params[j].Key })
	s.render(w, r, http.StatusOK, "run", fmt.Sprint(run.ID), v)
}

func (s *Server) pageRuns(w http.ResponseWriter, r *http.Request) {
	runs, err := s.cfg.Store.ListRuns(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "runs", "", runs)
}

// checkView is one catalog entry in the page's language.
type checkView struct {
	Def  check.Definition
	Text check.Text
}

func (s *Server) pageChecks(w http.ResponseWriter, r *http.Request) {
	lang := pickLang(w, r)
	var out []checkView
	for _, d := range check.All() {
		t, ok := d.Text[lang]
		if !ok {
			t = d.Text["en"]
		}
		out = append(out, checkView{Def: d, Text: t})
	}
	s.render(w, r, http.StatusOK, "checks", "", out)
}

// pageSearch sends an exact domain name to its page, a country code or TLD
// to its page, and shows what was not found.
func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	keep := ""
	if l := r.URL.Query().Get("lang"); l != "" && i18n.Check(l) == nil {
		keep = "?lang=" + l
	}
	if name, err := domainParam(q); err == nil {
		if _, _, err := s.domainReport(r.Context(), name, ""); err == nil {
			http.Redirect(w, r, "/domains/"+url.PathEscape(strings.TrimSuffix(name, "."))+keep, http.StatusSeeOther)
			return
		}
		if res, _ := s.od.lookup(name); res != nil && res.report != nil {
			http.Redirect(w, r, "/domains/"+url.PathEscape(strings.TrimSuffix(name, "."))+keep, http.StatusSeeOther)
			return
		}
		if label := strings.TrimSuffix(name, "."); !strings.Contains(label, ".") {
			// A country code or a TLD: its page, when a run has it.
			plain := r.Clone(r.Context())
			plain.URL.RawQuery = ""
			if sc := (indicators.Scope{Kind: "country", Value: strings.ToUpper(label)}); len(label) == 2 {
				if _, _, err := s.scopeRun(plain, sc); err == nil {
					http.Redirect(w, r, "/countries/"+sc.Value+keep, http.StatusSeeOther)
					return
				}
			}
			if _, _, err := s.scopeRun(plain, indicators.Scope{Kind: "tld", Value: label}); err == nil {
				http.Redirect(w, r, "/tlds/"+label+keep, http.StatusSeeOther)
				return
			}
		}
		s.noResultPage(w, r, strings.TrimSuffix(name, "."))
		return
	}
	s.noResultPage(w, r, "")
}

// pageOnDemand is the on-demand check from the HTML form (no JavaScript).
func (s *Server) pageOnDemand(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		s.pageFail(w, r, badParam("bad form"))
		return
	}
	code, v := s.od.request(r.PostForm.Get("domain"), clientKey(r))
	type body struct {
		Code    int
		Domain  string
		Message string
	}
	b := body{Code: code}
	switch x := v.(type) {
	case odStatus:
		b.Domain = strings.TrimSuffix(x.Domain, ".")
		if code == http.StatusOK {
			http.Redirect(w, r, "/domains/"+url.PathEscape(b.Domain), http.StatusSeeOther)
			return
		}
	case apiErr:
		b.Message = x.Error
	}
	// The page says what happened (role=status or role=alert); its HTTP
	// status is 202 when queued and 200 otherwise, so that a refusal is no
	// console error in the browser. The API gives the 4xx codes.
	status := http.StatusOK
	if code == http.StatusAccepted {
		status = code
	}
	if code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "20")
	}
	s.render(w, r, status, "ondemand", "", b)
}

// static serves the embedded stylesheet.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	sub, _ := fs.Sub(assetFS, "assets")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.StripPrefix("/static/", http.FileServerFS(sub)).ServeHTTP(w, r)
}

// sparkline draws values (percentages, oldest first) as a small inline
// SVG line; one value is a dot.
func sparkline(values []float64, label string) template.HTML {
	const wd, ht, pad = 120.0, 32.0, 3.0
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="spark" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s">`, wd, ht, wd, ht, template.HTMLEscapeString(label))
	if len(values) == 0 {
		b.WriteString(`</svg>`)
		return template.HTML(b.String())
	}
	y := func(v float64) float64 { return ht - pad - (ht-2*pad)*math.Max(0, math.Min(100, v))/100 }
	if len(values) == 1 {
		fmt.Fprintf(&b, `<circle cx="%g" cy="%.1f" r="2.5"/>`, wd/2, y(values[0]))
	} else {
		b.WriteString(`<polyline fill="none" stroke-width="2" points="`)
		for i, v := range values {
			x := pad + (wd-2*pad)*float64(i)/float64(len(values)-1)
			fmt.Fprintf(&b, "%.1f,%.1f ", x, y(v))
		}
		b.WriteString(`"/>`)
		last := values[len(values)-1]
		fmt.Fprintf(&b, `<circle cx="%g" cy="%.1f" r="2.5"/>`, wd-pad, y(last))
	}
	var vals []string
	for _, v := range values {
		vals = append(vals, strconv.FormatFloat(v, 'f', 1, 64))
	}
	fmt.Fprintf(&b, `<title>%s</title></svg>`, template.HTMLEscapeString(label+": "+strings.Join(vals, " → ")))
	return template.HTML(b.String())
}
