// Package checktest holds the tests every check area runs on its own
// catalog entries and analysis source, so the areas share one copy.
package checktest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

// Want is one ID an area registers: its severity and whether its findings
// fill Detail (then every message must use {detail}).
type Want struct {
	ID       string
	Severity check.Severity
	Detail   bool
}

// Defs checks an area's catalog entries: every ID registered in category
// cat with the expected severity, all four languages, references, and
// message templates that use the placeholders its findings fill; and no
// other ID registered in cat.
func Defs(t *testing.T, cat check.Category, want []Want) {
	t.Helper()
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, w := range want {
		t.Run(w.ID, func(t *testing.T) {
			d, ok := check.Lookup(w.ID)
			if !ok {
				t.Fatalf("%s is not registered", w.ID)
			}
			if d.Category != cat {
				t.Errorf("category %q, want %q", d.Category, cat)
			}
			if d.Severity != w.Severity {
				t.Errorf("severity %s, want %s", d.Severity, w.Severity)
			}
			if len(d.References) == 0 {
				t.Error("no references")
			}
			for _, r := range d.References {
				if strings.TrimSpace(r) == "" {
					t.Error("empty reference")
				}
			}
			if err := check.ValidateZonemaster(d.Zonemaster); err != nil {
				t.Error(err)
			}
			if len(d.Text) != len(check.Languages) {
				t.Errorf("%d languages, want %d", len(d.Text), len(check.Languages))
			}
			for _, lang := range check.Languages {
				tx, ok := d.Text[lang]
				if !ok || tx.Title == "" || tx.Message == "" || tx.Remediation == "" {
					t.Errorf("%s: incomplete text %+v", lang, tx)
					continue
				}
				if lang != "en" && tx.Message == d.Text["en"].Message {
					t.Errorf("%s: message is the English one", lang)
				}
				if !strings.Contains(tx.Message, "{subject}") {
					t.Errorf("%s: message lacks {subject}: %q", lang, tx.Message)
				}
				if got := strings.Contains(tx.Message, "{detail}"); got != w.Detail {
					t.Errorf("%s: message uses {detail} = %v, want %v", lang, got, w.Detail)
				}
				for _, s := range []string{tx.Title, tx.Message, tx.Remediation} {
					for _, p := range placeholder.FindAllString(s, -1) {
						if p != "{subject}" && p != "{detail}" {
							t.Errorf("%s: unknown placeholder %s", lang, p)
						}
					}
				}
				if strings.Contains(tx.Title, "{") {
					t.Errorf("%s: title has a placeholder: %q", lang, tx.Title)
				}
				f := check.Finding{ID: w.ID, Subject: "ns1.example.org. 192.0.2.1", Detail: "DETAIL-42"}
				check.Render(&f, lang)
				if !strings.Contains(f.Message, "ns1.example.org. 192.0.2.1") {
					t.Errorf("%s: rendered message lacks the subject: %q", lang, f.Message)
				}
				if strings.Contains(f.Message, "DETAIL-42") != w.Detail {
					t.Errorf("%s: rendered message shows the detail = %v, want %v", lang, !w.Detail, w.Detail)
				}
				if strings.Contains(f.Message, "{subject}") || strings.Contains(f.Message, "{detail}") ||
					strings.Contains(f.Remediation, "{subject}") || strings.Contains(f.Remediation, "{detail}") {
					t.Errorf("%s: placeholder left after Render", lang)
				}
			}
		})
	}
	t.Run("no others", func(t *testing.T) {
		listed := map[string]bool{}
		for _, w := range want {
			listed[w.ID] = true
		}
		for _, d := range check.All() {
			if d.Category == cat && !listed[d.ID] {
				t.Errorf("%s is registered in %s but not listed in this test", d.ID, d.Category)
			}
		}
	})
}

// Used checks that the analysis in the calling test's folder reports only
// registered IDs of category cat, and that every registered ID of cat is
// reported somewhere: the catalog and the logic must not drift apart. It
// reads the source: the handles the area keeps (name = check.Register(
// check.Definition{ID: ...})) and the handle.New calls that report them.
func Used(t *testing.T, cat check.Category) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	// String constants, for IDs given by name.
	consts := map[string]string{}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							if v, err := strconv.Unquote(lit.Value); err == nil {
								consts[name.Name] = v
							}
						}
					}
				}
			}
			return true
		})
	}
	// Handles: name = check.Register(check.Definition{ID: ...}).
	handles := map[string]string{}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range vs.Names {
				if i >= len(vs.Values) {
					continue
				}
				call, ok := vs.Values[i].(*ast.CallExpr)
				if !ok || !isSel(call.Fun, "check", "Register") || len(call.Args) != 1 {
					continue
				}
				lit, ok := call.Args[0].(*ast.CompositeLit)
				if !ok {
					continue
				}
				for _, el := range lit.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if k, isID := kv.Key.(*ast.Ident); !ok || !isID || k.Name != "ID" {
						continue
					}
					switch v := kv.Value.(type) {
					case *ast.BasicLit:
						if id, err := strconv.Unquote(v.Value); err == nil {
							handles[name.Name] = id
						}
					case *ast.Ident:
						handles[name.Name] = consts[v.Name]
					}
				}
			}
			return true
		})
	}
	// Reports: handle.New(...), or a handle passed to a helper that does.
	// A detail key written as a literal, handle.New(subject, "key", ...) or
	// helper(handle, subject, "key", ...), must be one of the check's.
	used := map[string]bool{}
	keyAt := func(id string, call *ast.CallExpr, i int) {
		if i >= len(call.Args) {
			return
		}
		lit, ok := call.Args[i].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		key, _ := strconv.Unquote(lit.Value)
		d, ok := check.Lookup(id)
		if !ok {
			return
		}
		if _, ok := d.Details[key]; !ok && !(key == "" && len(d.Details) == 0) {
			t.Errorf("%s: %s has no detail key %q (keys: %v)", fset.Position(lit.Pos()), id, key, d.DetailKeys())
		}
	}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "New" {
				if x, ok := sel.X.(*ast.Ident); ok {
					if id, ok := handles[x.Name]; ok {
						used[id] = true
						keyAt(id, call, 1)
					}
				}
			}
			for i, a := range call.Args {
				if x, ok := a.(*ast.Ident); ok {
					if id, ok := handles[x.Name]; ok {
						used[id] = true
						if i == 0 {
							keyAt(id, call, 2)
						}
					}
				}
			}
			return true
		})
	}
	if len(handles) == 0 {
		t.Error("no check handles found (name = check.Register(check.Definition{ID: ...}))")
	}
	for id := range used {
		d, ok := check.Lookup(id)
		if !ok {
			t.Errorf("analysis reports %s, which is not registered", id)
		} else if d.Category != cat {
			t.Errorf("analysis reports %s of category %s", id, d.Category)
		}
	}
	for _, d := range check.All() {
		if d.Category == cat && !used[d.ID] {
			t.Errorf("%s is registered but never reported by the analysis", d.ID)
		}
	}
}

// isSel reports whether e is pkg.name.
func isSel(e ast.Expr, pkg, name string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == pkg
}
