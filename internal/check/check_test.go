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
}

func TestRenderAndSort(t *testing.T) {
	h := Register(def("TEST_RENDER"))
	f := h.New("ns1.example.org. 192.0.2.1", "serial 7", 3)
	if f.ID != "TEST_RENDER" || f.Severity != Warning || f.Category != Nameserver || len(f.Evidence) != 1 {
		t.Errorf("finding %+v", f)
	}
	Render(&f, "pt")
	if f.Message != "ns1.example.org. 192.0.2.1 is bad: serial 7 (pt)" || f.Remediation != "fix ns1.example.org. 192.0.2.1" {
		t.Errorf("rendered %q / %q", f.Message, f.Remediation)
	}
	Render(&f, "xx")
	if f.Message != "ns1.example.org. 192.0.2.1 is bad: serial 7 (en)" {
		t.Errorf("unknown language did not fall back to English: %q", f.Message)
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
