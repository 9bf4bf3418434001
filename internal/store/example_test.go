package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// A scan's life in the store: a run, its input, what is left to do, the
// results, and the summary.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "dnsobs-example-")
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(dir, "dnsobs.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()

	run, _ := st.CreateRun(ctx, store.Run{Input: "domains.txt", Vantage: "lab"})
	_ = st.AddInput(ctx, run.ID,
		[]store.InputDomain{{Pos: 1, Line: 1, Name: "example.cl."}, {Pos: 2, Line: 2, Name: "example.org."}},
		[]store.InputProblem{{Line: 3, Text: "-bad-", Reason: "invalid: label starts with a hyphen"}})

	todo, _ := st.Pending(ctx, run.ID, 0, 100)
	for _, d := range todo {
		// The record is what the caller extracted from its report.
		rec := store.Record{Domain: d.Name, CheckedAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			JSON: []byte(`{"domain":"` + d.Name + `"}`)}
		_ = st.SaveResults(ctx, run.ID, []store.Result{{Record: rec}})
	}
	aggs, _ := st.FinishRun(ctx, run.ID, 0) // done, with its aggregates
	for _, a := range aggs {
		if a.Metric == "domains" {
			fmt.Println(a.Scope, a.Value)
		}
	}
	// Output:
	// all 2
	// country:CL 1
	// tld:cl 1
	// tld:org 1
}
