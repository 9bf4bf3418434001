package check

import (
	"encoding/json"
	"testing"
)

func def(id string) Definition {
	d := Definition{ID: id, Category: Nameserver, Severity: Warning, References: []string{"RFC 1034"}, Text: map[string]Text{}}
	for _, l := range Languages {
		d.Text[l] = Text{Title: "t " + l, Message: "{subject} is bad: {detail} (" + l + ")", Remediation: "fix {subject}"}
	}
	d.Details = map[string]Detail{"serial": {
		Text:    Langs("serial {serial}: {reason}", "serial {serial}: {reason} (es)", "serial {serial}: {reason} (pt)", "série {serial} : {reason}"),
		Example: Args{"serial": "7", "reason": "refused"},
	}}
	return d
}

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	f()
}

func TestRegister(t *testing.T) {
	Register(def("TEST_REGISTER_OK"))
	mustPanic(t, "duplicate", func() { Register(def("TEST_REGISTER_OK")) })
	mustPanic(t, "empty ID", func() { Register(def("")) })
	missing := def("TEST_REGISTER_NO_FR")
	delete(missing.Text, "fr")
	mustPanic(t, "missing language", func() { Register(missing) })
	bad := def("TEST_REGISTER_BAD_SEVERITY")
	bad.Severity = 9
	mustPanic(t, "bad severity", func() { Register(bad) })

	// Detail templates: every language, placeholders named by the example,
	// codes known, no {subject} or {detail}.
	for name, spoil := range map[string]func(d *Definition){
		"template missing a language": func(d *Definition) { delete(d.Details["serial"].Text, "pt") },
		"placeholder not in example":  func(d *Definition) { d.Details["serial"].Text["es"] = "serial {serie}" },
		"unknown code in example":     func(d *Definition) { d.Details["serial"].Example["reason"] = "sulking" },
		"subject in a template":       func(d *Definition) { d.Details["serial"].Text["fr"] = "{subject} {serial}" },
		"empty key": func(d *Definition) {
			d.Details[""] = Detail{Text: Langs("a", "b", "c", "d"), Example: Args{}}
		},
	} {
		d := def("TEST_REGISTER_DETAIL")
		spoil(&d)
		mustPanic(t, name, func() { Register(d) })
	}
}

func TestRenderAndSort(t *testing.T) {
	h := Register(def("TEST_RENDER"))
	f := h.New("ns1.example.org. 192.0.2.1", "serial", Args{"serial": "7", "reason": "refused"}, 3)
	if f.ID != "TEST_RENDER" || f.Severity != Warning || f.Category != Nameserver || len(f.Evidence) != 1 {
		t.Errorf("finding %+v", f)
	}
	// Detail is the English rendering, codes translated.
	if f.Detail != "serial 7: answered REFUSED" || f.DetailKey != "serial" {
		t.Errorf("detail %q key %q", f.Detail, f.DetailKey)
	}
	Render(&f, "pt")
	if f.Message != "ns1.example.org. 192.0.2.1 is bad: serial 7: respondeu REFUSED (pt) (pt)" || f.Remediation != "fix ns1.example.org. 192.0.2.1" {
		t.Errorf("rendered %q / %q", f.Message, f.Remediation)
	}
	if f.Detail != "serial 7: answered REFUSED" {
		t.Errorf("Render changed Detail to %q: it stays English", f.Detail)
	}
	Render(&f, "xx")
	if f.Message != "ns1.example.org. 192.0.2.1 is bad: serial 7: answered REFUSED (en)" {
		t.Errorf("unknown language did not fall back to English: %q", f.Message)
	}
	// A missing argument stays visible as its placeholder.
	g := h.New("x", "serial", Args{"reason": "refused"})
	if g.Detail != "serial {serial}: answered REFUSED" {
		t.Errorf("missing argument rendered as %q", g.Detail)
	}
	// A finding stored before templates keeps its detail.
	old := Finding{ID: "TEST_RENDER", Detail: "serial 5"}
	if got := RenderDetail(&old, "es"); got != "serial 5" {
		t.Errorf("legacy detail rendered as %q", got)
	}
	// So does one stored under a key its check no longer has.
	moved := Finding{ID: "TEST_RENDER", Detail: "digest type SHA-1 (1)", DetailKey: "digest", Args: Args{"digest": "SHA-1"}}
	if got := RenderDetail(&moved, "fr"); got != "digest type SHA-1 (1)" {
		t.Errorf("detail under a retired key rendered as %q", got)
	}
	// Lists of codes are translated one by one.
	if got := argText("reason", "refused, no_soa", "es"); got != "respondió REFUSED, sin SOA de la zona en la respuesta" {
		t.Errorf("coded list: %q", got)
	}
	fs := []Finding{{ID: "B", Severity: Notice}, {ID: "A", Severity: Critical}, {ID: "A", Severity: Notice}}
	Sort(fs)
	if fs[0].Severity != Critical || fs[1].ID != "A" || fs[2].ID != "B" {
		t.Errorf("sorted %+v", fs)
	}
}

func TestSeverityText(t *testing.T) {
	for s := Info; s <= Critical; s++ {
		b, _ := json.Marshal(s)
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%s round-trips to %s (%v)", s, back, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) accepted")
	}
	if s, _ := ParseSeverity("ERROR"); s != Error {
		t.Error("ParseSeverity is case-sensitive")
	}
}

func TestTermsComplete(t *testing.T) {
	for arg, codes := range Terms {
		for code, texts := range codes {
			if code == "" || len(texts) != len(Languages) {
				t.Errorf("Terms[%s][%q] has %d languages", arg, code, len(texts))
			}
			for _, l := range Languages {
				if texts[l] == "" {
					t.Errorf("Terms[%s][%q] lacks %s", arg, code, l)
				}
			}
		}
	}
}
