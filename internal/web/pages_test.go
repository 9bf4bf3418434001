package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// doc parses a page.
func doc(t *testing.T, body []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// find returns the elements for which match is true, in document order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func hasAttr(key string) func(*html.Node) bool {
	return func(n *html.Node) bool { _, ok := attr(n, key); return ok }
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// checkCommon checks what every page has: <html lang>, the search form,
// the language links.
func checkCommon(t *testing.T, page string, root *html.Node, lang string) {
	t.Helper()
	htmls := find(root, func(n *html.Node) bool { return n.Data == "html" })
	if l, _ := attr(htmls[0], "lang"); l != lang {
		t.Errorf("%s: <html lang=%q>, want %q", page, l, lang)
	}
	forms := find(root, func(n *html.Node) bool { r, _ := attr(n, "role"); return n.Data == "form" && r == "search" })
	if len(forms) != 1 || len(find(forms[0], func(n *html.Node) bool { v, _ := attr(n, "name"); return n.Data == "input" && v == "q" })) != 1 {
		t.Errorf("%s: no form[role=search] with input[name=q]", page)
	}
	got := map[string]bool{}
	for _, a := range find(root, hasAttr("data-lang")) {
		v, _ := attr(a, "data-lang")
		got[v] = true
	}
	for _, l := range []string{"es", "pt", "en", "fr"} {
		if !got[l] {
			t.Errorf("%s: no [data-lang=%s] link", page, l)
		}
	}
}

// checkIndicators compares the page's data-indicator elements with the API.
func checkIndicators(t *testing.T, page string, root *html.Node, want indicators.Indicators) {
	t.Helper()
	els := find(root, hasAttr("data-indicator"))
	seen := map[string]bool{}
	for _, el := range els {
		name, _ := attr(el, "data-indicator")
		raw, _ := attr(el, "data-value")
		v, err := strconv.ParseFloat(raw, 64)
		w, ok := want.Value(name)
		if err != nil || !ok || math.Abs(v-w) > 1e-9 || strings.ContainsAny(raw, ",%") {
			t.Errorf("%s: data-indicator=%s data-value=%q, want %v", page, name, raw, w)
		}
		seen[name] = true
	}
	for _, name := range indicators.Names {
		if !seen[name] {
			t.Errorf("%s: no data-indicator=%s", page, name)
		}
	}
}

func TestPagesCarryTheStoreNumbers(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var region, cl, tld indicators.Indicators
	getJSON(t, ts.URL+"/api/v1/aggregates", &region)
	getJSON(t, ts.URL+"/api/v1/aggregates?scope=country:CL&run=2", &cl)
	getJSON(t, ts.URL+"/api/v1/aggregates?scope=tld:ar&run=2", &tld)
	for _, tc := range []struct {
		path string
		want indicators.Indicators
	}{{"/", region}, {"/countries/CL", cl}, {"/countries/CL?run=2", cl}, {"/countries/cl?run=2", cl}, {"/tlds/ar?run=2", tld}} {
		code, _, body := get(t, ts.URL+tc.path)
		if code != 200 {
			t.Fatalf("%s: %d", tc.path, code)
		}
		root := doc(t, body)
		checkCommon(t, tc.path, root, "es")
		checkIndicators(t, tc.path, root, tc.want)
	}
	// The overview of run 2 lists its countries, linked.
	_, _, body := get(t, ts.URL+"/?run=2")
	for _, cc := range []string{"/countries/CL", "/countries/AR", "/tlds/test"} {
		if !bytes.Contains(body, []byte(`href="`+cc+`"`)) {
			t.Errorf("overview of run 2 has no link to %s", cc)
		}
	}
	if code, _, _ := get(t, ts.URL+"/countries/ZZ"); code != 404 {
		t.Errorf("/countries/ZZ: %d, want 404", code)
	}
	if code, _, _ := get(t, ts.URL+"/countries/CHL"); code != 400 {
		t.Errorf("/countries/CHL: %d, want 400", code)
	}
}

func TestDomainPage(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	for _, lang := range []string{"es", "fr"} {
		for _, name := range []string{"ns-lame.test", "ns-recursive.test", "healthy-signed.test"} {
			var rep report.Report
			getJSON(t, ts.URL+"/api/v1/domains/"+name, &rep)
			code, _, body := get(t, ts.URL+"/domains/"+name+"?lang="+lang)
			if code != 200 {
				t.Fatalf("%s: %d", name, code)
			}
			root := doc(t, body)
			checkCommon(t, name, root, lang)
			if len(find(root, func(n *html.Node) bool { v, _ := attr(n, "data-domain"); return v == name })) != 1 {
				t.Errorf("%s: no data-domain=%q", name, name)
			}
			els := find(root, hasAttr("data-finding"))
			if len(els) != len(rep.Findings) {
				t.Errorf("%s: %d data-finding elements, the report has %d findings", name, len(els), len(rep.Findings))
				continue
			}
			for i, el := range els {
				f := rep.Findings[i]
				id, _ := attr(el, "data-finding")
				check.Render(&f, lang)
				txt := strings.Join(strings.Fields(text(el)), " ")
				if id != f.ID || !strings.Contains(txt, strings.Join(strings.Fields(f.Message), " ")) ||
					!strings.Contains(txt, strings.Join(strings.Fields(f.Remediation), " ")) {
					t.Errorf("%s %s: finding %d is %s %q; want %s with its %s message and remediation", name, lang, i, id, txt, f.ID, lang)
				}
				if len(find(el, func(n *html.Node) bool { h, _ := attr(n, "href"); return h == "/checks#"+f.ID })) == 0 {
					t.Errorf("%s: finding %s does not link to the catalog", name, f.ID)
				}
			}
			// The nameserver table shows each address.
			for _, ns := range rep.Nameservers {
				for _, a := range ns.Addresses {
					if !bytes.Contains(body, []byte(a.Addr.String())) {
						t.Errorf("%s: address %s not on the page", name, a.Addr)
					}
				}
			}
		}
	}
	if code, _, _ := get(t, ts.URL+"/domains/never-measured.example"); code != 404 {
		t.Errorf("unknown domain page: %d, want 404", code)
	}
}

func TestCatalogPageHasEveryCheck(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	_, _, body := get(t, ts.URL+"/checks?lang=pt")
	root := doc(t, body)
	checkCommon(t, "/checks", root, "pt")
	for _, d := range check.All() {
		secs := find(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == d.ID })
		if len(secs) != 1 || !strings.Contains(text(secs[0]), d.Text["pt"].Title) {
			t.Errorf("/checks: no section id=%s with its Portuguese title", d.ID)
		}
	}
}

func TestLanguageSelection(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	tests := []struct {
		name       string
		url        string
		hdr        []string
		want       string
		wantCookie string
	}{
		{"default", "/", nil, "es", ""},
		{"accept-language", "/", []string{"Accept-Language", "pt-BR,pt;q=0.9,en;q=0.5"}, "pt", ""},
		{"accept-language q-values", "/", []string{"Accept-Language", "de, en;q=0.4, fr;q=0.8"}, "fr", ""},
		{"accept-language unsupported", "/", []string{"Accept-Language", "de-DE, ja"}, "es", ""},
		{"cookie over accept-language", "/", []string{"Accept-Language", "pt", "Cookie", "lang=en"}, "en", ""},
		{"query over cookie", "/checks?lang=fr", []string{"Cookie", "lang=en"}, "fr", "fr"},
		{"bad query ignored", "/?lang=xx", []string{"Cookie", "lang=pt"}, "pt", ""},
		{"bad cookie ignored", "/", []string{"Cookie", "lang=<script>", "Accept-Language", "en"}, "en", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := get(t, ts.URL+tc.url, tc.hdr...)
			if code != 200 {
				t.Fatalf("%d", code)
			}
			root := doc(t, body)
			checkCommon(t, tc.url, root, tc.want)
			var cookie string
			for _, c := range (&http.Response{Header: h}).Cookies() {
				if c.Name == "lang" {
					cookie = c.Value
				}
			}
			if cookie != tc.wantCookie {
				t.Errorf("cookie lang=%q, want %q", cookie, tc.wantCookie)
			}
		})
	}
	// The texts change with the language.
	_, _, es := get(t, ts.URL+"/?lang=es")
	_, _, en := get(t, ts.URL+"/?lang=en")
	if !bytes.Contains(es, []byte("Firmados con DNSSEC")) || !bytes.Contains(en, []byte("DNSSEC signed")) || bytes.Contains(es, []byte("DNSSEC signed")) {
		t.Error("the overview's texts do not follow the language")
	}
}

func TestSearch(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	tests := []struct {
		q, location string
		code        int
	}{
		{"ns-lame.test", "/domains/ns-lame.test", http.StatusSeeOther},
		{" NS-LAME.TEST. ", "/domains/ns-lame.test", http.StatusSeeOther},
		{"cl", "/countries/CL", http.StatusSeeOther},
		{"test", "/tlds/test", http.StatusSeeOther},
		{"never-measured.example", "", http.StatusOK}, // a page saying so
		{"not a name", "", http.StatusOK},
	}
	for _, tc := range tests {
		code, h, body := get(t, ts.URL+"/search?q="+strings.ReplaceAll(tc.q, " ", "+")+"&lang=en")
		if tc.location != "" {
			tc.location += "?lang=en" // the language asked for goes along
		}
		if code != tc.code || h.Get("Location") != tc.location {
			t.Errorf("search %q: %d → %q, want %d → %q", tc.q, code, h.Get("Location"), tc.code, tc.location)
		}
		if tc.location == "" && !bytes.Contains(body, []byte("<h1>Not found</h1>")) {
			t.Errorf("search %q: the page does not say it found nothing", tc.q)
		}
	}
}

func TestRunAndRunsPages(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var run apiRunJSON
	getJSON(t, ts.URL+"/api/v1/runs/2", &run)
	code, _, body := get(t, ts.URL+"/runs/2?lang=en")
	root := doc(t, body)
	checkCommon(t, "/runs/2", root, "en")
	for _, want := range []string{strconv.FormatInt(run.QueriesSent, 10), "export?format=parquet", "lac world", "lab = true"} {
		if code != 200 || !bytes.Contains(body, []byte(want)) {
			t.Errorf("/runs/2: %d, no %q", code, want)
		}
	}
	code, _, body = get(t, ts.URL+"/runs")
	if code != 200 || !bytes.Contains(body, []byte(`href="/runs/3"`)) {
		t.Errorf("/runs: %d", code)
	}
	for _, p := range []string{"/runs/0", "/runs/x", "/runs/99", "/nothing"} {
		if code, _, _ := get(t, ts.URL+p); code != 400 && code != 404 {
			t.Errorf("%s: %d, want 400 or 404", p, code)
		}
	}
}

func TestStaticAndHealth(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	code, h, _ := get(t, ts.URL+"/static/style.css")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("style.css: %d %s", code, h.Get("Content-Type"))
	}
	code, _, body := get(t, ts.URL+"/healthz")
	if code != 200 || string(body) != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
}

// Trends: one point per done run, oldest first, equal to each run's aggregates.
func TestTrends(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var tr []trendPoint
	getJSON(t, ts.URL+"/api/v1/trends?scope=country:CL&run=2", &tr)
	if len(tr) != 2 || tr[0].Run != 1 || tr[1].Run != 2 {
		t.Fatalf("trend: %+v, want runs 1 and 2", tr)
	}
	for _, p := range tr {
		var agg indicators.Indicators
		getJSON(t, fmt.Sprintf("%s/api/v1/aggregates?scope=country:CL&run=%d", ts.URL, p.Run), &agg)
		a, _ := json.Marshal(agg)
		b, _ := json.Marshal(p.Indicators)
		if string(a) != string(b) {
			t.Errorf("run %d: trend %s, aggregates %s", p.Run, b, a)
		}
	}
	// The sparkline of a page draws them.
	_, _, body := get(t, ts.URL+"/countries/CL?run=2")
	if bytes.Count(body, []byte("<polyline")) != len(indicators.Names) {
		t.Errorf("country page: %d sparklines, want %d", bytes.Count(body, []byte("<polyline")), len(indicators.Names))
	}
}

// A store with no run yet: the pages say so, the API answers 404 or [].
func TestEmptyStore(t *testing.T) {
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, ts := newTestServer(t, Config{Store: st})
	code, _, body := get(t, ts.URL+"/?lang=en")
	if code != 200 || !bytes.Contains(body, []byte("No run is stored yet")) {
		t.Errorf("/: %d", code)
	}
	checkCommon(t, "/", doc(t, body), "en")
	for path, want := range map[string]int{"/api/v1/runs": 200, "/api/v1/aggregates": 404, "/api/v1/domains/a.example": 404,
		"/countries/CL": 404, "/runs": 200, "/checks": 200, "/search?q=a.example": 200} {
		if code, _, _ := get(t, ts.URL+path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
}
