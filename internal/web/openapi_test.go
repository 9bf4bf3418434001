package web

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPI)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	return doc
}

// The document lists exactly the API routes the server serves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q, want 3.x", doc.OpenAPI)
	}
	s, ts := newTestServer(t, Config{})
	var served, documented []string
	for _, r := range s.routes {
		if r.api {
			served = append(served, r.method+" "+strings.TrimPrefix(r.path, "/api/v1"))
		}
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(served)
	sort.Strings(documented)
	if strings.Join(served, "\n") != strings.Join(documented, "\n") {
		t.Errorf("routes and openapi.json differ:\nserved:\n%s\ndocumented:\n%s", strings.Join(served, "\n"), strings.Join(documented, "\n"))
	}
	// The served document is the embedded one.
	code, _, b := get(t, ts.URL+"/api/v1/openapi.json")
	var v map[string]any
	if code != 200 || json.Unmarshal(b, &v) != nil || v["openapi"] != doc.OpenAPI {
		t.Errorf("GET /api/v1/openapi.json: %d", code)
	}
}

// Real responses validate against the document's schemas.
func TestResponsesMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t)
	_, ts := newTestServer(t, Config{})
	doc.Servers = openapi3.Servers{{URL: ts.URL + "/api/v1"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/api/v1/runs", "/api/v1/runs?limit=2", "/api/v1/runs/1", "/api/v1/aggregates", "/api/v1/aggregates?run=1&scope=country:CL",
		"/api/v1/trends?scope=tld:cl", "/api/v1/domains?scope=tld:ar&limit=5", "/api/v1/domains/ns-lame.test",
		"/api/v1/checks", "/api/v1/runs/99", "/api/v1/aggregates?scope=bad", "/api/v1/domains/never.example",
	} {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("%s: not in the document: %v", path, err)
			continue
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
			Header: resp.Header, Body: resp.Body, Options: &openapi3filter.Options{IncludeResponseStatus: true}}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			t.Errorf("%s: response %d does not match the document: %v", path, resp.StatusCode, err)
		}
		resp.Body.Close()
	}
}
