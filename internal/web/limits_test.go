package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable Config.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func read(s http.Handler, client, path string) int {
	req := httptest.NewRequest("GET", path, nil)
	req.RemoteAddr = client + ":5555"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Code
}

// Pages and the read API take 20 requests/s per client unthrottled (the
// Interface); a client far above the limit gets 429, others do not.
func TestReadLimit(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	s, _ := newTestServer(t, Config{Now: clock.Now})
	for sec := range 60 { // a minute at 20 requests per second
		for range 20 {
			if code := read(s, "198.51.100.10", "/api/v1/checks"); code != 200 {
				t.Fatalf("second %d: %d at 20 requests/s", sec, code)
			}
		}
		clock.Add(time.Second)
	}
	// A burst past the default (50/s, burst 100) within one instant.
	limited := 0
	for range 200 {
		if read(s, "198.51.100.11", "/api/v1/runs") == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited != 100 {
		t.Errorf("%d of 200 requests at one instant refused, want 100 (burst 100)", limited)
	}
	if code := read(s, "198.51.100.12", "/api/v1/runs"); code != 200 {
		t.Errorf("another client: %d", code)
	}
	if code := read(s, "198.51.100.11", "/healthz"); code != 200 {
		t.Errorf("/healthz is never throttled: %d", code)
	}
	clock.Add(time.Second)
	if code := read(s, "198.51.100.11", "/api/v1/runs"); code != 200 {
		t.Errorf("a second later: %d", code)
	}
}

// BenchmarkReadAPI is the load test of the read API over loopback: it
// reports requests per second and the p99 latency.
func BenchmarkReadAPI(b *testing.B) {
	_, ts := newTestServer(b, Config{Limits: Limits{ReadPerSecond: 1e9, ReadBurst: 1 << 30}})
	paths := []string{"/api/v1/aggregates?scope=country:CL&run=2", "/api/v1/runs", "/api/v1/domains/ns-lame.test", "/api/v1/aggregates", "/"}
	for _, p := range paths { // warm the run cache
		get(b, ts.URL+p)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		i := 0
		for pb.Next() {
			t0 := time.Now()
			resp, err := client.Get(ts.URL + paths[i%len(paths)])
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("%s: %d", paths[i%len(paths)], resp.StatusCode)
			}
			mine = append(mine, time.Since(t0))
			i++
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
}
