package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// recount computes the indicators of every scope from the JSONL export
// the way a reader of the open data would: generic JSON, the Interface's
// formulas, nothing from internal/indicators.
func recount(t *testing.T, jsonl []byte) map[string]map[string]float64 {
	t.Helper()
	type acc struct {
		d                                         int
		signed, valid, v6, multi, lame, rec, axfr int
		findings                                  map[string]int
	}
	accs := map[string]*acc{}
	sc := bufio.NewScanner(bytes.NewReader(jsonl))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		tld, ok := m["tld"].(string)
		if !ok {
			t.Fatalf("export row without tld: %s", sc.Bytes())
		}
		country, hasCountry := m["country"]
		if !hasCountry {
			t.Fatalf("export row without country: %s", sc.Bytes())
		}
		scopes := []string{"region", "tld:" + tld}
		if c, ok := country.(string); ok {
			scopes = append(scopes, "country:"+c)
		}
		status := ""
		if d, ok := m["dnssec"].(map[string]any); ok {
			status, _ = d["status"].(string)
		}
		ready := false
		if v6, ok := m["ipv6"].(map[string]any); ok {
			ready, _ = v6["ready"].(bool)
		}
		asns := map[float64]bool{}
		nss, _ := m["nameservers"].([]any)
		for _, ns := range nss {
			addrs, _ := ns.(map[string]any)["addresses"].([]any)
			for _, a := range addrs {
				if asn, ok := a.(map[string]any)["asn"].(float64); ok {
					asns[asn] = true
				}
			}
		}
		ids := map[string]bool{}
		fs, _ := m["findings"].([]any)
		for _, f := range fs {
			ids[f.(map[string]any)["id"].(string)] = true
		}
		for _, s := range scopes {
			a := accs[s]
			if a == nil {
				a = &acc{findings: map[string]int{}}
				accs[s] = a
			}
			a.d++
			b := func(c bool) int {
				if c {
					return 1
				}
				return 0
			}
			a.signed += b(status == "secure" || status == "bogus")
			a.valid += b(status == "secure")
			a.v6 += b(ready)
			a.multi += b(len(asns) >= 2)
			a.lame += b(ids["NS_LAME"])
			a.rec += b(ids["NS_RECURSIVE"])
			a.axfr += b(ids["NS_AXFR_OPEN"])
			for id := range ids {
				a.findings[id]++
			}
		}
	}
	out := map[string]map[string]float64{}
	for s, a := range accs {
		p := func(n int) float64 { return 100 * float64(n) / float64(a.d) }
		m := map[string]float64{"domains": float64(a.d), "dnssec_signed_pct": p(a.signed), "dnssec_valid_pct": p(a.valid),
			"ipv6_ready_pct": p(a.v6), "ns_multi_asn_pct": p(a.multi), "lame_pct": p(a.lame),
			"open_recursion_pct": p(a.rec), "open_axfr_pct": p(a.axfr)}
		for id, n := range a.findings {
			m["finding:"+id] = float64(n)
		}
		out[s] = m
	}
	return out
}

func TestAggregatesEqualRecountFromExport(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var runs []apiRunJSON
	getJSON(t, ts.URL+"/api/v1/runs", &runs)
	if len(runs) != 3 {
		t.Fatalf("%d runs, want 3", len(runs))
	}
	for _, run := range runs {
		code, _, jsonl := get(t, fmt.Sprintf("%s/api/v1/runs/%d/export?format=jsonl", ts.URL, run.ID))
		if code != 200 {
			t.Fatalf("export: %d", code)
		}
		want := recount(t, jsonl)
		if int(want["region"]["domains"]) != int(run.Domains) {
			t.Errorf("run %d: %v export rows, runs says %d domains", run.ID, want["region"]["domains"], run.Domains)
		}
		nonzero := map[string]bool{}
		for scope, w := range want {
			var got indicators.Indicators
			getJSON(t, fmt.Sprintf("%s/api/v1/aggregates?run=%d&scope=%s", ts.URL, run.ID, scope), &got)
			if float64(got.Domains) != w["domains"] {
				t.Errorf("run %d %s: domains %d, recount %v", run.ID, scope, got.Domains, w["domains"])
			}
			for _, name := range indicators.Names {
				v, _ := got.Value(name)
				if math.Abs(v-w[name]) > 1e-9 {
					t.Errorf("run %d %s: %s = %v, recount %v", run.ID, scope, name, v, w[name])
				}
				if v > 0 {
					nonzero[name] = true
				}
			}
			for id, n := range got.Findings {
				if float64(n) != w["finding:"+id] {
					t.Errorf("run %d %s: findings[%s] = %d, recount %v", run.ID, scope, id, n, w["finding:"+id])
				}
			}
			for k, n := range w {
				if id, ok := strings.CutPrefix(k, "finding:"); ok && got.Findings[id] != int(n) {
					t.Errorf("run %d %s: findings[%s] = %d, recount %v", run.ID, scope, id, got.Findings[id], n)
				}
			}
		}
		if run.Input == "lac world" {
			for _, s := range []string{"country:CL", "country:AR", "tld:cl", "tld:ar", "tld:test"} {
				if _, ok := want[s]; !ok {
					t.Errorf("run %d has no %s", run.ID, s)
				}
			}
		}
		t.Logf("run %d (%s): indicators above zero somewhere: %v", run.ID, run.Input, nonzero)
		// The fixture is built so that every indicator is exercised.
		if run.Input == "lac world" && len(nonzero) < len(indicators.Names) {
			t.Errorf("run %d: only %v are non-zero: the fixture tests too little", run.ID, nonzero)
		}
	}
	// Default run: the newest done one.
	var latest, explicit indicators.Indicators
	getJSON(t, ts.URL+"/api/v1/aggregates", &latest)
	getJSON(t, fmt.Sprintf("%s/api/v1/aggregates?run=%d&scope=region", ts.URL, runs[0].ID), &explicit)
	if latest.Domains != explicit.Domains || latest.LamePct != explicit.LamePct {
		t.Errorf("default run: %+v, want run %d's %+v", latest, runs[0].ID, explicit)
	}
}

// rfc3339Re matches an RFC 3339 date-time.
var rfc3339Re = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)

func TestRunsPaginationAndTimes(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var all, page []map[string]any
	getJSON(t, ts.URL+"/api/v1/runs", &all)
	getJSON(t, ts.URL+"/api/v1/runs?limit=1&offset=1", &page)
	if len(page) != 1 || page[0]["id"] != all[1]["id"] {
		t.Fatalf("limit=1 offset=1: %v, want run %v", page, all[1]["id"])
	}
	var none []map[string]any
	getJSON(t, ts.URL+"/api/v1/runs?offset=50", &none)
	if none == nil || len(none) != 0 {
		t.Errorf("offset past the end: %v, want []", none)
	}
	for i, r := range all {
		for _, k := range []string{"id", "started_at", "finished_at", "domains", "queries_sent"} {
			if _, ok := r[k]; !ok {
				t.Errorf("run %v lacks %s", r["id"], k)
			}
		}
		if i > 0 && r["id"].(float64) >= all[i-1]["id"].(float64) {
			t.Errorf("runs not newest first: %v after %v", r["id"], all[i-1]["id"])
		}
		for _, k := range []string{"started_at", "finished_at"} {
			if s, _ := r[k].(string); !rfc3339Re.MatchString(s) {
				t.Errorf("run %v %s = %q: not RFC 3339", r["id"], k, s)
			}
		}
		if r["queries_sent"].(float64) <= 0 {
			t.Errorf("run %v: queries_sent %v", r["id"], r["queries_sent"])
		}
	}
}

func TestETagAndCaching(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	for _, path := range []string{"/api/v1/aggregates?run=1", "/api/v1/runs", "/api/v1/checks", "/api/v1/runs/1/export?format=csv"} {
		code, h, _ := get(t, ts.URL+path)
		etag := h.Get("ETag")
		if code != 200 || etag == "" || h.Get("Cache-Control") == "" {
			t.Fatalf("%s: %d, ETag %q, Cache-Control %q", path, code, etag, h.Get("Cache-Control"))
		}
		if code, _, body := get(t, ts.URL+path, "If-None-Match", etag); code != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%s with If-None-Match: %d (%d bytes), want 304", path, code, len(body))
		}
		if code, _, _ := get(t, ts.URL+path, "If-None-Match", `"other"`); code != 200 {
			t.Errorf("%s with another ETag: %d, want 200", path, code)
		}
	}
}

func TestDomainAPI(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var rep map[string]any
	getJSON(t, ts.URL+"/api/v1/domains/ns-lame.test", &rep)
	if rep["domain"] != "ns-lame.test." {
		t.Fatalf("domain %v", rep["domain"])
	}
	found := false
	for _, f := range rep["findings"].([]any) {
		found = found || f.(map[string]any)["id"] == "NS_LAME"
	}
	if !found {
		t.Errorf("ns-lame.test has no NS_LAME finding: %v", rep["findings"])
	}
	// Upper case and a final dot name the same domain.
	if code, _, _ := get(t, ts.URL+"/api/v1/domains/NS-LAME.test."); code != 200 {
		t.Errorf("NS-LAME.test.: %d", code)
	}
	for path, want := range map[string]int{
		"/api/v1/domains/never-measured.example":       404,
		"/api/v1/domains/ns-lame.test?run=1":           404, // run 1 is the generated world
		"/api/v1/domains/ns-lame.test?run=99":          404,
		"/api/v1/domains/ns-lame.test?run=x":           400,
		"/api/v1/domains/bad..name":                    400,
		"/api/v1/domains/%00":                          400,
		"/api/v1/runs/99":                              404,
		"/api/v1/runs/0":                               400,
		"/api/v1/runs/1/export?format=xml":             400,
		"/api/v1/aggregates?scope=planet:earth":        400,
		"/api/v1/aggregates?scope=country:ZZ":          200, // a scope with no domain: zeros
		"/api/v1/domains?finding=NOPE":                 400,
		"/api/v1/nothing-here":                         404,
		"/api/v1/runs?limit=0":                         400,
		"/api/v1/runs?limit=1001":                      400,
		"/api/v1/runs?offset=-1":                       400,
		"/api/v1/ondemand/nothing-asked.example":       404,
		"/api/v1/domains?scope=tld:cl&finding=ns_lame": 200,
	} {
		code, h, body := get(t, ts.URL+path)
		if code != want {
			t.Errorf("GET %s: %d, want %d: %s", path, code, want, body)
		}
		if code >= 400 {
			var e apiErr
			if err := json.Unmarshal(body, &e); err != nil || e.Error == "" || e.Status != code || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
				t.Errorf("GET %s: error body %q (%v), want a JSON error", path, body, err)
			}
		}
	}
}

func TestDomainList(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var all, lame struct {
		Total   int         `json:"total"`
		Domains []domainRow `json:"domains"`
	}
	getJSON(t, ts.URL+"/api/v1/domains?run=2&scope=country:CL&limit=1000", &all)
	getJSON(t, ts.URL+"/api/v1/domains?run=2&finding=NS_LAME&limit=1000", &lame)
	var agg, cl indicators.Indicators
	getJSON(t, ts.URL+"/api/v1/aggregates?run=2", &agg)
	getJSON(t, ts.URL+"/api/v1/aggregates?run=2&scope=country:CL", &cl)
	if all.Total != cl.Domains || len(all.Domains) != cl.Domains {
		t.Errorf("country:CL lists %d (%d), aggregates say %d", all.Total, len(all.Domains), cl.Domains)
	}
	for _, d := range all.Domains {
		if d.Country == nil || *d.Country != "CL" || d.TLD != "cl" {
			t.Errorf("%s in country:CL with tld %q country %v", d.Name, d.TLD, d.Country)
		}
	}
	if lame.Total != agg.Findings["NS_LAME"] || lame.Total == 0 {
		t.Errorf("finding=NS_LAME lists %d, aggregates count %d", lame.Total, agg.Findings["NS_LAME"])
	}
}

func TestExportFormats(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var agg indicators.Indicators
	getJSON(t, ts.URL+"/api/v1/aggregates?run=1", &agg)
	code, h, b := get(t, ts.URL+"/api/v1/runs/1/export?format=csv")
	if code != 200 || !strings.HasPrefix(string(b), "domain,tld,country,") || strings.Count(string(b), "\n") != agg.Domains+1 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
		t.Errorf("csv: %d, %d lines for %d domains, %s", code, strings.Count(string(b), "\n"), agg.Domains, h.Get("Content-Type"))
	}
	code, _, b = get(t, ts.URL+"/api/v1/runs/1/export?format=parquet")
	if code != 200 || !bytes.HasPrefix(b, []byte("PAR1")) || !bytes.HasSuffix(b, []byte("PAR1")) {
		t.Errorf("parquet: %d, %d bytes", code, len(b))
	}
	code, _, b = get(t, ts.URL+"/api/v1/runs/1/export")
	if code != 200 || bytes.Count(b, []byte("\n")) != agg.Domains {
		t.Errorf("default (jsonl): %d, %d lines", code, bytes.Count(b, []byte("\n")))
	}
}

// failingExport is a store whose export fails after some bytes (or at once).
type failingExport struct {
	store.Store
	after int
}

func (f failingExport) Export(ctx context.Context, runID int64, format string, w io.Writer) error {
	if f.after > 0 {
		if _, err := w.Write(bytes.Repeat([]byte("x"), f.after)); err != nil {
			return err
		}
	}
	return errors.New("disk on fire")
}

// An export that fails before its first byte is a JSON error; one that
// fails later is cut short, so the download is never taken as complete.
func TestExportFailure(t *testing.T) {
	for _, after := range []int{0, 1000, 100000} {
		_, ts := newTestServer(t, Config{Store: failingExport{Store: fixtureStore(t), after: after}})
		resp, err := http.Get(ts.URL + "/api/v1/runs/1/export?format=csv")
		if err != nil {
			if after > 0 {
				continue // aborted before the headers left the buffer: no response at all
			}
			t.Fatal(err)
		}
		body, readErr := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch after {
		case 0:
			if resp.StatusCode != http.StatusInternalServerError || !bytes.Contains(body, []byte(`"error"`)) {
				t.Errorf("failing at once: %d %s", resp.StatusCode, body)
			}
		default:
			if readErr == nil {
				t.Errorf("failing mid-stream: read %d bytes and no error, want a truncated response", len(body))
			}
		}
	}
}
