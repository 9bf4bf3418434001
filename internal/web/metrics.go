package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics of the server; names per STYLE.md rule 12, labels bounded (the
// route pattern, never a path, domain or address). README.md, *Metrics*.
type metrics struct {
	requests  *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	throttled prometheus.Counter
	onDemand  *prometheus.CounterVec
	queue     prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dnsobs_web_requests_total", Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dnsobs_web_request_duration_seconds", Help: "Time to serve an HTTP request, by route pattern.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 4, 9),
		}, []string{"route"}),
		throttled: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dnsobs_web_throttled_requests_total", Help: "Requests refused with 429 by the per-client read limit.",
		}),
		onDemand: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dnsobs_web_ondemand_requests_total", Help: "On-demand check requests, by outcome: queued, cached, pending, refused, limited, full, done, failed.",
		}, []string{"outcome"}),
		queue: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dnsobs_web_ondemand_queue_length", Help: "On-demand checks waiting or running.",
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.throttled, m.onDemand, m.queue)
	return m
}

// statusWriter records the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// instrument counts and times h under route, and turns a panic into a
// logged 500 rather than a dropped connection.
func (s *Server) instrument(route string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler { //nolint:errorlint // the sentinel is panicked as is
					s.metrics.requests.WithLabelValues(route, "aborted").Inc()
					panic(v) // net/http aborts the response without logging it
				}
				s.log.Error("handler panic", "route", route, "panic", v)
				if sw.code == 0 {
					apiError(sw, http.StatusInternalServerError, "internal error")
				}
			}
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
			s.metrics.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
		}()
		h(sw, r)
	})
}
