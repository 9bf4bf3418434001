package store

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The store keeps what it is handed (Record, observations) and imports
// nothing that analyses: of this module, only observe and dnsname (a
// domain's TLD and its country). Its tests too, which may also use testenv
// (a missing PostgreSQL fails under CI).
func TestImportsOnlyObserve(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	const module = "github.com/lac-dns-observatory/dnsobs/"
	for _, f := range files {
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, module) && p != module+"internal/observe" && p != module+"internal/dnsname" && p != module+"internal/store" &&
				!(strings.HasSuffix(f, "_test.go") && p == module+"internal/testenv") {
				t.Errorf("%s imports %s: the store takes a Record, filled by its caller (internal/scan)", f, p)
			}
		}
	}
}
