package cli

import (
	"io"
	"strings"
	"testing"
)

// A streamed input of exactly its limit is read whole; one byte more is a
// usage error naming the flag and the limit.
func TestLimitFlagReader(t *testing.T) {
	for _, tt := range []struct {
		n       int
		wantErr bool
	}{{0, false}, {9, false}, {10, false}, {11, true}, {1000, true}} {
		b, err := io.ReadAll(limitFlagReader("--input", strings.NewReader(strings.Repeat("x", tt.n)), 10))
		if tt.wantErr {
			if err == nil || exitFor(err) != ExitUsage || !strings.Contains(err.Error(), "--input - is larger than the 10 bytes limit") {
				t.Errorf("%d bytes: %d read, err %v; want a usage error naming --input", tt.n, len(b), err)
			}
			continue
		}
		if err != nil || len(b) != tt.n {
			t.Errorf("%d bytes: %d read, err %v", tt.n, len(b), err)
		}
	}
	if _, err := openFlagFile("--input", bigFile(t, 11), 10); err == nil || !strings.Contains(err.Error(), "larger than the 10 bytes limit") {
		t.Errorf("openFlagFile of 11 bytes with limit 10: %v", err)
	}
}
