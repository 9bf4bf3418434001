package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/lac-dns-observatory/dnsobs/internal/store"
	"github.com/lac-dns-observatory/dnsobs/internal/web"
)

// Serving a store: web.New gives an http.Handler (here on a loopback
// test listener; dnsobs serve uses its --addr).
func ExampleNew() {
	dir, _ := os.MkdirTemp("", "dnsobs-example-")
	defer os.RemoveAll(dir)
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "obs.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	srv, err := web.New(web.Config{Store: st})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, path := range []string{"/healthz", "/api/v1/runs", "/api/v1/aggregates?scope=planet:earth"} {
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			fmt.Println(err)
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("%s %d %s", path, resp.StatusCode, b)
	}
	// Output:
	// /healthz 200 ok
	// /api/v1/runs 200 []
	// /api/v1/aggregates?scope=planet:earth 400 {"error":"scope \"planet:earth\": want region, country:CC or tld:TLD","status":400}
}
