package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// fuzzRoutes are GET routes with the query parameters they read; the fuzz
// puts arbitrary values in them, and in the path segments.
var fuzzRoutes = []string{
	"/api/v1/runs?limit=%s&offset=%s",
	"/api/v1/runs/%s?x=%s",
	"/api/v1/runs/%s/export?format=%s",
	"/api/v1/aggregates?run=%s&scope=%s",
	"/api/v1/trends?run=%s&scope=%s",
	"/api/v1/domains?scope=%s&finding=%s&limit=5",
	"/api/v1/domains/%s?run=%s",
	"/api/v1/ondemand/%s?x=%s",
	"/countries/%s?run=%s",
	"/tlds/%s?lang=%s",
	"/domains/%s?run=%s",
	"/runs/%s?lang=%s",
	"/search?q=%s&lang=%s",
	"/?run=%s&lang=%s",
}

// FuzzQueryParams: whatever the parameters, a bad request gets 4xx, never
// 5xx, and an API error is JSON.
func FuzzQueryParams(f *testing.F) {
	for _, seed := range [][2]string{
		{"1", "region"}, {"0", "country:CL"}, {"-1", "tld:cl"}, {"99999999999999999999", "country:"}, {"%00", "tld:%ff"},
		{"1e3", "planet:x"}, {"", ""}, {"..", "../../etc/passwd"}, {"ns-lame.test", "jsonl"}, {"\u00e9\u00e9.cl", "csv"},
		{"xn--0", "parquet"}, {strings.Repeat("a", 300), strings.Repeat("b.", 200)}, {"1 OR 1=1", "'; DROP TABLE runs; --"},
	} {
		f.Add(seed[0], seed[1])
	}
	s, err := New(Config{Store: fixtureStore(f), Limits: Limits{ReadPerSecond: 1e9, ReadBurst: 1 << 30}})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, a, b string) {
		body, _ := json.Marshal(map[string]string{"domain": a})
		for _, raw := range [][]byte{body, []byte(b)} {
			req := httptest.NewRequest("POST", "/api/v1/ondemand", bytes.NewReader(raw))
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code >= 500 || rec.Code < 400 { // no checker: every request is refused, never with a 5xx
				t.Fatalf("POST /api/v1/ondemand %q: %d %s", raw, rec.Code, rec.Body)
			}
		}
		for _, route := range fuzzRoutes {
			first := url.QueryEscape(a)
			if path, _, _ := strings.Cut(route, "?"); strings.Contains(path, "%s") {
				first = url.PathEscape(a)
			}
			target := strings.Replace(strings.Replace(route, "%s", first, 1), "%s", url.QueryEscape(b), 1)
			req, err := http.NewRequest("GET", "http://dnsobs.example"+target, nil)
			if err != nil {
				continue // not a URL at all: no request reaches a server
			}
			req.RemoteAddr = "192.0.2.1:1234"
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			body, _ := io.ReadAll(rec.Body)
			if rec.Code >= 500 {
				t.Fatalf("GET %s: %d %s", target, rec.Code, body)
			}
			if rec.Code >= 400 && strings.HasPrefix(target, "/api/") && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Fatalf("GET %s: %d with %s, want a JSON error", target, rec.Code, rec.Header().Get("Content-Type"))
			}
		}
	})
}
