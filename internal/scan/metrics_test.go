package scan

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/client_golang/prometheus/testutil/promlint"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
)

type fixedSender int64

func (f fixedSender) Sent() int64 { return int64(f) }

func TestMetricsLintAndCount(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg, fixedSender(42))
	m.observe(&report.Report{Error: "x", Findings: []check.Finding{{Severity: check.Error}, {Severity: check.Error}}})
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
	if got := testutil.ToFloat64(m.findings.WithLabelValues("error")); got != 2 {
		t.Errorf("findings{error} = %g, want 2", got)
	}
	var names []string
	for _, mf := range mfs {
		names = append(names, mf.GetName())
		if !strings.HasPrefix(mf.GetName(), "dnsobs_") {
			t.Errorf("%s lacks the dnsobs_ prefix", mf.GetName())
		}
	}
	if len(names) != 6 {
		t.Errorf("metrics %v", names)
	}
}
