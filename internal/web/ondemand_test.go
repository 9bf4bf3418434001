package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/lab/worlds"
	"github.com/lac-dns-observatory/dnsobs/internal/labcheck"
)

// labChecker runs on-demand checks against the scenario world in memory,
// counting them.
func labChecker(t *testing.T) (CheckFunc, *atomic.Int64) {
	t.Helper()
	w, err := worlds.Default(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	r, err := labcheck.New(w, labcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	var n atomic.Int64
	return func(ctx context.Context, domain string) ([]byte, error) {
		n.Add(1)
		return json.Marshal(r.Check(ctx, domain))
	}, &n
}

// post sends an on-demand request from client (its remote address) to s.
func post(s http.Handler, client, body string) (int, map[string]any) {
	req := httptest.NewRequest("POST", "/api/v1/ondemand", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = client + ":40000"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var v map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &v)
	return rec.Code, v
}

func TestOnDemandRefusesBeforeAnything(t *testing.T) {
	chk, n := labChecker(t)
	for _, lab := range []bool{false, true} {
		s, _ := newTestServer(t, Config{Check: chk, Lab: lab, Limits: Limits{ClientBurst: 1, GlobalBurst: 1, GlobalPerMin: 0.001}})
		for body, want := range map[string]int{
			`{"domain":"localhost"}`:          422,
			`{"domain":"LOCALHOST."}`:         422,
			`{"domain":"192.0.2.1"}`:          422,
			`{"domain":"[2001:db8::1]"}`:      422,
			`{"domain":"::1"}`:                422,
			`{"domain":"intranet"}`:           422,
			`{"domain":"."}`:                  422,
			`{"domain":"printer.local"}`:      422,
			`{"domain":"db.corp.internal"}`:   422,
			`{"domain":"x.localhost"}`:        422,
			`{"domain":"foo.invalid"}`:        422,
			`{"domain":"a..b"}`:               400,
			`{"domain":""}`:                   400,
			`{"domain":"x y.example"}`:        400,
			`{"domain":"ns-lame.test","x":1}`: 400,
			`{"domain":1}`:                    400,
			`not json`:                        400,
			`{"domain":"a.example"} {}`:       400,
		} {
			code, v := post(s, "198.51.100.7", body)
			if code != want || v["error"] == nil {
				t.Errorf("lab=%v %s: %d %v, want %d with an error", lab, body, code, v, want)
			}
		}
		// .test: a special-use name outside lab mode, the lab's own inside.
		code, _ := post(s, "198.51.100.7", `{"domain":"ns-lame.test"}`)
		if lab && code != http.StatusAccepted || !lab && code != http.StatusUnprocessableEntity {
			t.Errorf("lab=%v ns-lame.test: %d", lab, code)
		}
		// None of the refusals used the client's one token or the global one:
		// lab mode's first real request was queued above.
	}
	deadline := time.Now().Add(60 * time.Second)
	for n.Load() < 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n.Load() != 1 {
		t.Errorf("%d checks ran, want 1 (ns-lame.test in lab mode)", n.Load())
	}
}

func TestOnDemandQueuesCachesAndLimits(t *testing.T) {
	chk, n := labChecker(t)
	s, ts := newTestServer(t, Config{Check: chk, Lab: true, Limits: Limits{ClientEvery: time.Hour, ClientBurst: 2, GlobalPerMin: 0.001, GlobalBurst: 3}})
	code, v := post(s, "198.51.100.1", `{"domain":"ns-recursive.test"}`)
	if code != http.StatusAccepted || v["status"] != "queued" || v["result_url"] != "/api/v1/ondemand/ns-recursive.test" {
		t.Fatalf("first request: %d %v", code, v)
	}
	// Poll the result over the real listener until it is there.
	var res map[string]any
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, _, b := get(t, ts.URL+"/api/v1/ondemand/ns-recursive.test")
		if code == 200 {
			_ = json.Unmarshal(b, &res)
			break
		}
		if code != http.StatusAccepted || time.Now().After(deadline) {
			t.Fatalf("result: %d %s", code, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
	rep, _ := res["report"].(map[string]any)
	if res["status"] != "cached" || rep == nil || rep["domain"] != "ns-recursive.test." || !strings.Contains(string(mustJSON(rep["findings"])), "NS_RECURSIVE") {
		t.Fatalf("result: %v", res)
	}
	// Asked again: 200 from the cache, no new check, no token spent.
	for range 3 {
		if code, v := post(s, "198.51.100.1", `{"domain":"NS-RECURSIVE.test."}`); code != 200 || v["status"] != "cached" {
			t.Errorf("again: %d %v", code, v)
		}
	}
	if n.Load() != 1 {
		t.Errorf("%d checks ran, want 1", n.Load())
	}
	// Client 1 has one token left (burst 2); the next one is refused.
	if code, _ := post(s, "198.51.100.1", `{"domain":"ns-lame.test"}`); code != http.StatusAccepted {
		t.Errorf("client 1, second name: %d, want 202", code)
	}
	if code, v := post(s, "198.51.100.1", `{"domain":"healthy.test"}`); code != http.StatusTooManyRequests || v["error"] == nil {
		t.Errorf("client 1, third name: %d %v, want 429", code, v)
	}
	// Global: burst 3, two used; another client gets one, then a third is refused.
	if code, _ := post(s, "198.51.100.2", `{"domain":"healthy.test"}`); code != http.StatusAccepted {
		t.Errorf("client 2: %d, want 202", code)
	}
	if code, v := post(s, "198.51.100.3", `{"domain":"ns-axfr-open.test"}`); code != http.StatusTooManyRequests || !strings.Contains(v["error"].(string), "server") {
		t.Errorf("client 3 over the global limit: %d %v, want 429", code, v)
	}
	// Without a checker the endpoint says it is not offered.
	s2, _ := newTestServer(t, Config{})
	if code, _ := post(s2, "198.51.100.1", `{"domain":"example.org"}`); code != http.StatusForbidden {
		t.Errorf("no checker: %d, want 403", code)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// The HTML form works without JavaScript and shows the domain afterwards.
func TestOnDemandForm(t *testing.T) {
	chk, _ := labChecker(t)
	_, ts := newTestServer(t, Config{Check: chk, Lab: true})
	code, _, body := get(t, ts.URL+"/search?q=unchecked-name.test")
	if code != 200 || !strings.Contains(string(body), `action="/ondemand"`) {
		t.Fatalf("not-measured page: %d, no on-demand form", code)
	}
	resp, err := noRedirect.PostForm(ts.URL+"/ondemand?lang=en", map[string][]string{"domain": {"healthy.test"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("form: %d, want 202", resp.StatusCode)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, _, body := get(t, ts.URL+"/domains/healthy.test")
		if code == 200 && strings.Contains(string(body), `data-domain="healthy.test"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("domain page after the on-demand check: %d", code)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestAdminScan(t *testing.T) {
	var got []string
	scanFn := func(_ context.Context, domains []string) (int64, error) { got = domains; return 42, nil }
	do := func(s http.Handler, auth, body string) int {
		req := httptest.NewRequest("POST", "/api/v1/admin/scan", strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Code
	}
	off, _ := newTestServer(t, Config{Scan: scanFn})
	if code := do(off, "Bearer x", `{"domains":["a.example"]}`); code != http.StatusForbidden {
		t.Errorf("no token configured: %d, want 403", code)
	}
	s, _ := newTestServer(t, Config{Scan: scanFn, AdminToken: "s3cret"})
	for auth, want := range map[string]int{"": 401, "Bearer wrong": 401, "Basic s3cret": 401, "Bearer s3cret": 202} {
		if code := do(s, auth, `{"domains":["a.example","b.example"]}`); code != want {
			t.Errorf("Authorization %q: %d, want %d", auth, code, want)
		}
	}
	if strings.Join(got, " ") != "a.example b.example" {
		t.Errorf("scan got %v", got)
	}
	if code := do(s, "Bearer s3cret", `{"domains":["bad..name"]}`); code != 400 {
		t.Errorf("bad domain: %d, want 400", code)
	}
	// Public routes never write: no other POST is served.
	for _, p := range []string{"/api/v1/runs", "/api/v1/aggregates", "/"} {
		req := httptest.NewRequest("POST", p, strings.NewReader("{}"))
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusMethodNotAllowed && rec.Code != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 405 or 404", p, rec.Code)
		}
	}
}

// A check that panics fails; the worker lives on.
func TestOnDemandPanic(t *testing.T) {
	chk := func(ctx context.Context, domain string) ([]byte, error) {
		if domain == "boom.example." {
			panic("boom")
		}
		return []byte(`{"domain":"` + domain + `"}`), nil
	}
	s, ts := newTestServer(t, Config{Check: chk, Limits: Limits{Workers: 1}})
	for _, name := range []string{"boom.example", "fine.example"} {
		if code, _ := post(s, "198.51.100.1", `{"domain":"`+name+`"}`); code != http.StatusAccepted {
			t.Fatalf("%s: %d", name, code)
		}
	}
	for _, want := range []struct{ name, status string }{{"boom.example", "failed"}, {"fine.example", "cached"}} {
		deadline := time.Now().Add(30 * time.Second)
		for {
			code, _, b := get(t, ts.URL+"/api/v1/ondemand/"+want.name)
			if code == 200 {
				if !strings.Contains(string(b), `"status":"`+want.status+`"`) {
					t.Errorf("%s: %s, want status %s", want.name, b, want.status)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: still %d", want.name, code)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}
