package presubmit

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func root(t *testing.T) string {
	t.Helper()
	r, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// No log.Fatal or os.Exit below cmd/: one bad domain must not end a scan.
func TestNoFatalBelowMain(t *testing.T) {
	r := root(t)
	err := filepath.WalkDir(filepath.Join(r, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, bad := range []string{"log.Fatal", "os.Exit("} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s uses %s", strings.TrimPrefix(path, r+"/"), bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every package under internal/ has a package comment and a README.md.
func TestPackagesDocumented(t *testing.T) {
	r := root(t)
	err := filepath.WalkDir(filepath.Join(r, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || d.Name() == "testdata" {
			if d != nil && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return err
		}
		pkgs, err := parser.ParseDir(token.NewFileSet(), path, func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil || len(pkgs) == 0 {
			return nil
		}
		rel := strings.TrimPrefix(path, r+"/")
		documented := false
		for _, p := range pkgs {
			for _, f := range p.Files {
				if f.Doc != nil && strings.TrimSpace(f.Doc.Text()) != "" {
					documented = true
				}
			}
		}
		if !documented {
			t.Errorf("%s has no package comment", rel)
		}
		if _, err := os.Stat(filepath.Join(path, "README.md")); err != nil && rel != "internal/presubmit" {
			t.Errorf("%s has no README.md", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
