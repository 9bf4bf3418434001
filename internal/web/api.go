package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

//go:embed openapi.json
var openAPI []byte

// Cache lifetimes: data of a done run does not change; the newest run and
// lists do.
const (
	cacheDone   = "public, max-age=3600"
	cacheLatest = "public, max-age=60"
)

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// quoteParam quotes a parameter's value for an error message: escaped,
// at most 80 characters.
func quoteParam(s string) string {
	if len(s) > 80 {
		s = s[:80]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		return dnsname.Quote(s) + "…"
	}
	return dnsname.Quote(s)
}

type apiErr struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// apiError writes a JSON error.
func apiError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Del("ETag")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(apiErr{Error: msg, Status: code})
}

// fail answers err: 400 for a bad parameter, 404 for a missing run or
// domain, else 500 (our failure, logged).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *paramError
	switch {
	case errors.As(err, &pe):
		apiError(w, http.StatusBadRequest, pe.msg)
	case isNotFound(err):
		apiError(w, http.StatusNotFound, strings.TrimPrefix(strings.TrimPrefix(err.Error(), "web: "), "store: "))
	case errors.Is(err, context.Canceled):
		apiError(w, 499, "request cancelled")
	default:
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
		apiError(w, http.StatusInternalServerError, "internal error")
	}
}

// writeJSON writes v with an ETag (a hash of the body) and cacheControl,
// and answers 304 to a matching If-None-Match.
func writeJSON(w http.ResponseWriter, r *http.Request, cacheControl string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		apiError(w, http.StatusInternalServerError, "internal error")
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", cacheControl)
	h.Set("Vary", "Accept-Encoding")
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// pagination reads limit (default 100, 1..1000) and offset (0 or more).
func pagination(r *http.Request) (limit, offset int, err error) {
	limit, offset = 100, 0
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 1 || n > 1000 {
			return 0, 0, badParam("limit %s: want an integer from 1 to 1000", quoteParam(v))
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 0 {
			return 0, 0, badParam("offset %s: want an integer, 0 or more", quoteParam(v))
		}
		offset = n
	}
	return limit, offset, nil
}

func window[T any](all []T, limit, offset int) []T {
	if offset >= len(all) {
		return []T{}
	}
	return all[offset:min(len(all), offset+limit)]
}

// apiRunJSON is a run in the API.
type apiRunJSON struct {
	ID          int64             `json:"id"`
	StartedAt   string            `json:"started_at"`
	FinishedAt  *string           `json:"finished_at"`
	Domains     int64             `json:"domains"`
	QueriesSent int64             `json:"queries_sent"`
	Status      string            `json:"status"`
	Input       string            `json:"input"`
	Vantage     string            `json:"vantage_point"`
	Errors      int64             `json:"errors"`
	Parameters  map[string]string `json:"parameters,omitempty"`
}

func runJSON(r store.Run, withParams bool) apiRunJSON {
	j := apiRunJSON{ID: r.ID, StartedAt: rfc3339(r.StartedAt), Domains: r.Done, QueriesSent: r.QueriesSent,
		Status: string(r.Status), Input: r.Input, Vantage: r.Vantage, Errors: r.Errors}
	if r.FinishedAt != nil {
		f := rfc3339(*r.FinishedAt)
		j.FinishedAt = &f
	}
	if withParams {
		j.Parameters = r.Parameters
	}
	return j
}

func cacheFor(r store.Run) string {
	if r.Status == store.RunDone {
		return cacheDone
	}
	return "no-cache"
}

func (s *Server) apiRuns(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pagination(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	runs, err := s.cfg.Store.ListRuns(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []apiRunJSON{}
	for _, run := range window(runs, limit, offset) {
		out = append(out, runJSON(run, false))
	}
	writeJSON(w, r, cacheLatest, out)
}

func (s *Server) apiRun(w http.ResponseWriter, r *http.Request) {
	run, err := s.resolveRun(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, cacheFor(run), runJSON(run, true))
}

// scopeParam reads scope (default region).
func scopeParam(r *http.Request) (indicators.Scope, error) {
	v := r.URL.Query().Get("scope")
	if v == "" {
		return indicators.Region, nil
	}
	sc, err := indicators.ParseScope(v)
	if err != nil {
		return sc, badParam("%v", err)
	}
	return sc, nil
}

// scopeAndRun reads the scope and run parameters of a request.
func (s *Server) scopeAndRun(r *http.Request) (indicators.Scope, store.Run, error) {
	scope, err := scopeParam(r)
	if err != nil {
		return scope, store.Run{}, err
	}
	run, err := s.resolveRun(r.Context(), r.URL.Query().Get("run"))
	return scope, run, err
}

func (s *Server) apiAggregates(w http.ResponseWriter, r *http.Request) {
	scope, run, err := s.scopeAndRun(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.data.get(r.Context(), run)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, cacheFor(run), d.tally.Indicators(scope))
}

func (s *Server) apiTrends(w http.ResponseWriter, r *http.Request) {
	scope, run, err := s.scopeAndRun(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tr, err := s.trend(r.Context(), scope, run.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, cacheLatest, tr)
}

// apiDomainList lists a run's domains of a scope, optionally with a finding.
func (s *Server) apiDomainList(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pagination(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scope, err := scopeParam(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	finding := r.URL.Query().Get("finding")
	if finding != "" {
		if _, ok := check.Lookup(strings.ToUpper(finding)); !ok {
			s.fail(w, r, badParam("finding %s: no such check ID (see /api/v1/checks)", quoteParam(finding)))
			return
		}
		finding = strings.ToUpper(finding)
	}
	run, err := s.resolveRun(r.Context(), r.URL.Query().Get("run"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.data.get(r.Context(), run)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type list struct {
		Run     int64       `json:"run"`
		Total   int         `json:"total"`
		Domains []domainRow `json:"domains"`
	}
	rows := filterRows(d.domains, scope, finding)
	writeJSON(w, r, cacheFor(run), list{Run: run.ID, Total: len(rows), Domains: window(rows, limit, offset)})
}

func filterRows(all []domainRow, scope indicators.Scope, finding string) []domainRow {
	out := []domainRow{}
	for _, row := range all {
		switch scope.Kind {
		case "country":
			if row.Country == nil || *row.Country != scope.Value {
				continue
			}
		case "tld":
			if row.TLD != scope.Value {
				continue
			}
		}
		if finding != "" && !contains(row.Findings, finding) {
			continue
		}
		out = append(out, row)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// domainParam normalises a domain name from a path or query.
func domainParam(v string) (string, error) {
	name, err := dnsname.Normalize(v)
	if err != nil {
		return "", badParam("domain: %v", err)
	}
	return name, nil
}

// domainReport finds name's stored report: in runParam's run, or the
// newest run that has one.
func (s *Server) domainReport(ctx context.Context, name, runParam string) (store.Run, []byte, error) {
	if runParam != "" {
		run, err := s.resolveRun(ctx, runParam)
		if err != nil {
			return run, nil, err
		}
		rep, err := s.cfg.Store.Report(ctx, run.ID, name)
		return run, rep, err
	}
	runs, err := s.cfg.Store.ListRuns(ctx)
	if err != nil {
		return store.Run{}, nil, err
	}
	for _, run := range runs {
		rep, err := s.cfg.Store.Report(ctx, run.ID, name)
		if err == nil {
			return run, rep, nil
		}
		if !isNotFound(err) {
			return run, nil, err
		}
	}
	return store.Run{}, nil, fmt.Errorf("web: %s was never measured: %w", name, store.ErrNotFound)
}

func (s *Server) apiDomain(w http.ResponseWriter, r *http.Request) {
	name, err := domainParam(r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	run, rep, err := s.domainReport(r.Context(), name, r.URL.Query().Get("run"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, cacheFor(run), json.RawMessage(rep))
}

func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "jsonl"
	}
	types := map[string]string{"jsonl": "application/jsonl", "csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
	ctype, ok := types[format]
	if !ok {
		s.fail(w, r, badParam("format %s: want jsonl, csv or parquet", quoteParam(format)))
		return
	}
	run, err := s.resolveRun(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	etag := fmt.Sprintf(`"run-%d-%s-%x"`, run.ID, format, sha256.Sum224([]byte(runKey(run))))
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", cacheFor(run))
	if m := r.Header.Get("If-None-Match"); m != "" && etagMatch(m, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	// Streamed: memory does not grow with the run. The headers go with the
	// first bytes, so an error before them is still a clean JSON error; one
	// after them aborts the response (the client sees it truncated, never
	// complete).
	sw := &startWriter{w: w, start: func() {
		h.Set("Content-Type", ctype)
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="dnsobs-run-%d.%s"`, run.ID, format))
	}}
	if err := s.cfg.Store.Export(r.Context(), run.ID, format, sw); err != nil {
		if !sw.started {
			s.fail(w, r, err)
			return
		}
		s.log.Error("export failed mid-stream", "run", run.ID, "format", format, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// startWriter calls start before the first byte it writes.
type startWriter struct {
	w       io.Writer
	start   func()
	started bool
}

func (s *startWriter) Write(p []byte) (int, error) {
	if !s.started {
		s.started = true
		s.start()
	}
	return s.w.Write(p)
}

func (s *Server) apiChecks(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, r, cacheDone, check.All())
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", cacheLatest)
	_, _ = w.Write(openAPI)
}

// apiAdminScan starts a scan of the domains posted: {"domains": [...]}.
func (s *Server) apiAdminScan(w http.ResponseWriter, r *http.Request) {
	if s.cfg.AdminToken == "" || s.cfg.Scan == nil {
		apiError(w, http.StatusForbidden, "admin actions are disabled on this server (start it with --admin-token)")
		return
	}
	if !s.adminAllowed(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dnsobs admin"`)
		apiError(w, http.StatusUnauthorized, "admin actions need the header Authorization: Bearer TOKEN")
		return
	}
	var body struct {
		Domains []string `json:"domains"`
	}
	if err := decodeBody(w, r, 1<<20, &body); err != nil {
		apiError(w, http.StatusBadRequest, err.Error())
		return
	}
	if len(body.Domains) == 0 || len(body.Domains) > 100000 {
		apiError(w, http.StatusBadRequest, "domains: want 1 to 100000 names")
		return
	}
	for _, d := range body.Domains {
		if _, err := dnsname.Normalize(d); err != nil {
			apiError(w, http.StatusBadRequest, "domains: "+err.Error())
			return
		}
	}
	id, err := s.cfg.Scan(context.WithoutCancel(r.Context()), body.Domains)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/runs/%d", id))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	_ = json.NewEncoder(w).Encode(map[string]any{"run": id, "status": "started"})
}

// decodeBody reads a JSON object of at most limit bytes, with no unknown
// fields and nothing after it.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("want a JSON body (Content-Type: application/json), got %s", quoteParam(ct))
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad JSON body: %v", err)
	}
	if dec.More() {
		return errors.New("bad JSON body: more than one value")
	}
	return nil
}
