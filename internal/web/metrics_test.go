package web

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
)

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	_, ts := newTestServer(t, Config{Registry: reg})
	get(t, ts.URL+"/api/v1/runs")
	get(t, ts.URL+"/api/v1/domains/never.example")
	get(t, ts.URL+"/domains/never.example")
	code, _, body := get(t, ts.URL+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`dnsobs_web_requests_total{code="200",route="/api/v1/runs"} 1`,
		`dnsobs_web_requests_total{code="404",route="/api/v1/domains/{name}"} 1`,
		`dnsobs_web_requests_total{code="404",route="/domains/{name}"} 1`,
		`dnsobs_web_request_duration_seconds_bucket{route="/api/v1/runs"`,
		"dnsobs_web_ondemand_queue_length 0",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// No label holds a path, a domain or an address.
	if strings.Contains(string(body), "never.example") {
		t.Error("a domain name became a label value")
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	problems, err := promlint.NewWithMetricFamilies(mfs).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("promlint: %s: %s", p.Metric, p.Text)
	}
	for _, mf := range mfs {
		if !strings.HasPrefix(mf.GetName(), "dnsobs_web_") {
			t.Errorf("metric %s: want the dnsobs_web_ prefix", mf.GetName())
		}
	}
}
