package pubreport

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/lac-dns-observatory/dnsobs/internal/i18n"
	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
)

func testReport(t *testing.T) *Report {
	t.Helper()
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	r1 := []indicators.Row{row("a.cl.", "secure"), row("b.cl.", "insecure", "NS_LAME"), row("a.uy.", "insecure", "NS_AXFR_OPEN")}
	r2 := []indicators.Row{row("a.cl.", "secure"), row("b.cl.", "secure"), row("a.uy.", "bogus", "NS_AXFR_OPEN"), row("xn--ao-zja.uy.", "insecure", "NS_RECURSIVE")}
	targets, err := ParseTargets(ExampleTargets)
	if err != nil {
		t.Fatal(err)
	}
	return Build([]Run{{ID: 1, At: t0, Rows: r1}, {ID: 2, At: t0.AddDate(0, 0, 30), Rows: r2}}, targets)
}

// Every language and format: the structure, the language's own texts,
// and the numbers of the runs.
func TestRender(t *testing.T) {
	rep := testReport(t)
	for _, lang := range i18n.Languages {
		t.Run(lang+"/md", func(t *testing.T) {
			var b bytes.Buffer
			if err := rep.Render(&b, lang, "md"); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			if !strings.HasPrefix(md, "# "+i18n.T(lang, "pr_title")+"\n") {
				t.Errorf("title:\n%s", md)
			}
			var heads []string
			cols := 0
			for _, l := range strings.Split(md, "\n") {
				if h, ok := strings.CutPrefix(l, "## "); ok {
					heads = append(heads, h)
					cols = 0
				}
				if strings.HasPrefix(l, "|") { // every line of a table has its header's columns
					n := strings.Count(l, "|")
					if cols == 0 {
						cols = n
					} else if n != cols {
						t.Errorf("table line with %d bars, header %d: %q", n, cols, l)
					}
				} else {
					cols = 0
				}
			}
			want := []string{"pr_headline", "pr_targets", "pr_countries", "pr_penetration", "pr_idn", "pr_changes", "pr_notes"}
			if len(heads) != len(want) {
				t.Fatalf("sections %q", heads)
			}
			for i, k := range want {
				if heads[i] != i18n.T(lang, k) {
					t.Errorf("section %d %q, want %q", i, heads[i], i18n.T(lang, k))
				}
			}
			// The signed share went from 1/3 to 3/4 (a bogus one counts).
			if !strings.Contains(md, "| "+i18n.T(lang, "ind_dnssec_signed_pct")+" | "+pct(lang, 75)+" | "+pct(lang, 100.0/3)+" | "+change(lang, 75-100.0/3, 2)+" |") {
				t.Errorf("signed line missing:\n%s", md)
			}
			if !strings.Contains(md, "| UY | 2 | "+num(lang, 3423110, 0)+" (2023) | "+num(lang, 1000*2/3423110.0, 4)+" |") {
				t.Errorf("UY penetration missing:\n%s", md)
			}
		})
		t.Run(lang+"/html", func(t *testing.T) {
			var b bytes.Buffer
			if err := rep.Render(&b, lang, "html"); err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(&b)
			if err != nil {
				t.Fatal(err)
			}
			attrs := func(n *html.Node) map[string]string {
				m := map[string]string{}
				for _, a := range n.Attr {
					m[a.Key] = a.Val
				}
				return m
			}
			values := map[string]string{}
			var htmlLang, title string
			tables, svgs, findings := 0, 0, 0
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					a := attrs(n)
					switch n.Data {
					case "html":
						htmlLang = a["lang"]
					case "h1":
						title = n.FirstChild.Data
					case "table":
						tables++
					case "svg":
						svgs++
					}
					if ind, ok := a["data-indicator"]; ok {
						values[ind] = a["data-value"]
					}
					if _, ok := a["data-finding"]; ok {
						findings++
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			if htmlLang != lang || title != i18n.T(lang, "pr_title") {
				t.Errorf("html lang %q, title %q", htmlLang, title)
			}
			// The chart, 7 headline sparklines, 2 of penetration (CL, UY), 2 of IDN share (.cl, .uy).
			if tables != 6 || svgs != 12 || findings != 3 {
				t.Errorf("%d tables, %d svg, %d findings rows: want 6, 12, 3", tables, svgs, findings)
			}
			for _, name := range append([]string{"domains"}, indicators.Names...) {
				got, err := strconv.ParseFloat(values[name], 64)
				want := float64(rep.Region.Domains)
				if name != "domains" {
					want, _ = rep.Region.Value(name)
				}
				if err != nil || got != want {
					t.Errorf("data-value of %s = %q, want %v", name, values[name], want)
				}
			}
		})
	}
	if err := rep.Render(&bytes.Buffer{}, "de", "md"); err == nil {
		t.Error("German: no error")
	}
	if err := rep.Render(&bytes.Buffer{}, "en", "pdf"); err == nil {
		t.Error("pdf: no error")
	}
}

// A first run: no previous values, no changes section, the no-previous text.
func TestRenderFirstRun(t *testing.T) {
	rep := Build([]Run{{ID: 1, At: time.Now(), Rows: []indicators.Row{row("a.cl.", "secure")}}}, nil)
	var b bytes.Buffer
	if err := rep.Render(&b, "fr", "md"); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if !strings.Contains(md, i18n.T("fr", "pr_no_previous")) || strings.Contains(md, i18n.T("fr", "pr_changes")) || strings.Contains(md, i18n.T("fr", "pr_targets")) {
		t.Errorf("first run report:\n%s", md)
	}
}

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		lang string
		v    float64
		d    int
		want string
	}{{"en", 1234567.891, 2, "1,234,567.89"}, {"es", 1234567.891, 2, "1.234.567,89"}, {"fr", 1234.5, 1, "1\u202f234,5"},
		{"pt", -0.004, 2, "0,00"}, {"en", -12.5, 1, "-12.5"}, {"en", 999, 0, "999"}} {
		if got := num(tc.lang, tc.v, tc.d); got != tc.want {
			t.Errorf("num(%s, %v, %d) = %q, want %q", tc.lang, tc.v, tc.d, got, tc.want)
		}
	}
	if got := change("es", -2.5, 2); got != "−2,50" {
		t.Errorf("change = %q", got)
	}
}

// Penetration and IDN share trends across the runs, recomputed.
func TestBuildTrends(t *testing.T) {
	rep := testReport(t)
	var uy *CountryRow
	for i := range rep.Countries {
		if rep.Countries[i].Country == "UY" {
			uy = &rep.Countries[i]
		}
	}
	if uy == nil || len(uy.PenTrend) != 2 || uy.PenTrend[0] != 1000/3423110.0 || uy.PenTrend[1] != 2000/3423110.0 {
		t.Errorf("UY penetration trend %+v", uy)
	}
	var idn *IDNRow
	for i := range rep.IDN {
		if rep.IDN[i].Cur.TLD == "uy" {
			idn = &rep.IDN[i]
		}
	}
	if idn == nil || len(idn.Trend) != 2 || idn.Trend[0] != 0 || idn.Trend[1] != 50 || idn.Prev == nil || idn.Prev.Pct != 0 {
		t.Errorf(".uy IDN trend %+v", idn)
	}
	if len(rep.History) != 2 || rep.Previous == nil || rep.Previous.ID != 1 || rep.Run.ID != 2 {
		t.Errorf("history %+v, previous %+v", rep.History, rep.Previous)
	}
}
