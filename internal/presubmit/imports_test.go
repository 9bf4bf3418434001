package presubmit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/lac-dns-observatory/dnsobs/"

// pkg is what go list says of one package (its non-test files only).
type pkg struct {
	ImportPath string
	Imports    []string // direct imports
	Deps       []string // transitive imports
}

// goList runs go list -json over patterns in the module root.
func goList(t *testing.T, patterns ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json"}, patterns...)...)
	cmd.Dir = root(t)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(patterns, " "), err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// The pure side of the graph: analysis, the checks, DNSSEC validation,
// and the indicators and public report computed from export rows.
var purePatterns = []string{"./internal/analyze/...", "./internal/check/...", "./internal/dnssec/...",
	"./internal/indicators/...", "./internal/pubreport/..."}

// Standard packages the pure side must not import directly. (The DNS
// library itself imports net, so the rule is on direct imports.)
var forbiddenStd = []string{"net", "net/http", "os/exec", "os"}

// Module packages the pure side must not reach, directly or through
// anything it imports: the network, collection, the store, the lab.
var forbiddenModule = []string{"internal/transport", "internal/resolver", "internal/collect",
	"internal/store", "internal/probe", "internal/lab", "internal/scan", "internal/labcheck", "internal/cli"}

func forbiddenDep(dep string) bool {
	if !strings.HasPrefix(dep, module) {
		return false
	}
	rel := strings.TrimPrefix(dep, module)
	for _, f := range forbiddenModule {
		if rel == f || strings.HasPrefix(rel, f+"/") {
			return true
		}
	}
	return false
}

// TestPureImports fails when analyze, check/... or dnssec import the
// network, exec or the file system, or reach (transitively) the packages
// that do I/O: analysis must be pure by construction, not by convention.
func TestPureImports(t *testing.T) {
	pkgs := goList(t, purePatterns...)
	if len(pkgs) < 3 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			for _, bad := range forbiddenStd {
				if imp == bad {
					t.Errorf("%s imports %s", p.ImportPath, imp)
				}
			}
		}
		for _, dep := range p.Deps {
			if forbiddenDep(dep) {
				t.Errorf("%s reaches %s", p.ImportPath, strings.TrimPrefix(dep, module))
			}
		}
	}
}

// TestCollectionDoesNotAnalyze fails when the collection packages import
// the analysis: collection decides what to ask next from its own reading
// of responses, not from the verdicts.
func TestCollectionDoesNotAnalyze(t *testing.T) {
	for _, p := range goList(t, "./internal/probe", "./internal/collect", "./internal/transport", "./internal/resolver") {
		for _, dep := range p.Deps {
			rel := strings.TrimPrefix(dep, module)
			if rel == "internal/analyze" || rel == "internal/check" || strings.HasPrefix(rel, "internal/check/") || rel == "internal/report" {
				t.Errorf("%s reaches %s", p.ImportPath, rel)
			}
		}
	}
}

// graphLine is one line of the README's package graph: "pkg → dep dep".
var graphLine = regexp.MustCompile(`^\s*(\S+)\s+→\s*(.*)$`)

// readmeGraph reads the package graph block of the project README: the
// first fenced block after the "## Package graph" heading.
func readmeGraph(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	graph := map[string][]string{}
	section, inBlock, done := false, false, false
	sc := bufio.NewScanner(f)
	for sc.Scan() && !done {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			section = strings.TrimSpace(strings.TrimPrefix(line, "## ")) == "Package graph"
		case section && strings.HasPrefix(line, "```"):
			done = inBlock
			inBlock = !inBlock
		case section && inBlock:
			m := graphLine.FindStringSubmatch(line)
			if m == nil {
				continue // a heading or a blank line inside the block
			}
			deps := strings.Fields(m[2])
			if len(deps) == 1 && deps[0] == "-" {
				deps = nil
			}
			sort.Strings(deps)
			graph[m[1]] = deps
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return graph
}

// The packages the README graph must show: the collection side, the
// analysis side, the store and the commands. (The lab's packages are left
// out: they serve tests, benches and the demo.)
var graphMust = []string{"observe", "transport", "resolver", "probe", "collect", "analyze", "dnssec", "check",
	"report", "store", "scan", "cli"}

// TestReadmeGraph keeps the README's package graph honest: every package it
// lists must import exactly the module packages it shows (non-test imports,
// as go list reports them), and the main packages must be listed.
func TestReadmeGraph(t *testing.T) {
	graph := readmeGraph(t)
	if len(graph) == 0 {
		t.Fatal(`README.md has no "## Package graph" block`)
	}
	for _, m := range graphMust {
		if _, ok := graph[m]; !ok {
			t.Errorf("the README graph does not list %s", m)
		}
	}
	real := map[string][]string{}
	for _, p := range goList(t, "./...") {
		name := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "internal/")
		var deps []string
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, module) {
				deps = append(deps, strings.TrimPrefix(strings.TrimPrefix(imp, module), "internal/"))
			}
		}
		sort.Strings(deps)
		real[name] = deps
	}
	for name, listed := range graph {
		got, ok := real[name]
		if !ok {
			t.Errorf("the README graph lists %s, which is not a package", name)
			continue
		}
		if strings.Join(got, " ") != strings.Join(listed, " ") {
			t.Errorf("%s imports %v; the README graph shows %v", name, got, listed)
		}
	}
}
