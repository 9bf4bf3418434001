package scan

import (
	"context"

	"github.com/lac-dns-observatory/dnsobs/internal/dnssec"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// Reanalyze builds the reports of run runID again from its stored
// observations, without network (after an upgrade of the checks, or as of
// another time: opt.At), replaces the stored records, keeping the
// observations, and recomputes the run's aggregates. It returns how many
// domains it reanalysed and how many of them are DNSSEC-bogus.
func Reanalyze(ctx context.Context, st store.Store, runID int64, opt report.Options) (n, bogus int, err error) {
	if opt.Verified == nil {
		opt.Verified = new(dnssec.VerifyCache)
	}
	var batch []store.Record
	flush := func() error {
		err := st.ReplaceRecords(ctx, runID, batch)
		batch = batch[:0]
		return err
	}
	err = st.Observations(ctx, runID, func(d *observe.Domain) error {
		r := report.Build(d, opt)
		n++
		if r.DNSSEC != nil && r.DNSSEC.Status == dnssec.Bogus {
			bogus++
		}
		rec, err := NewRecord(r, nil)
		if err != nil {
			return err
		}
		batch = append(batch, rec)
		if len(batch) >= 200 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		_, err = st.ComputeAggregates(ctx, runID)
	}
	return n, bogus, err
}
