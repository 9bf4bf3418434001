package i18n

import "testing"

func TestEveryLanguageHasEveryKey(t *testing.T) {
	for _, lang := range Languages {
		for _, k := range Keys("en") {
			if _, ok := catalog[lang][k]; !ok {
				t.Errorf("%s lacks key %q", lang, k)
			}
		}
		if len(Keys(lang)) != len(Keys("en")) {
			t.Errorf("%s has %d keys, en has %d", lang, len(Keys(lang)), len(Keys("en")))
		}
	}
}

func TestFallback(t *testing.T) {
	if got := T("xx", "domain"); got != "Domain" {
		t.Errorf("unknown language: got %q, want the English text", got)
	}
	if got := T("es", "no-such-key"); got != "no-such-key" {
		t.Errorf("unknown key: got %q", got)
	}
	if err := Check("de"); err == nil {
		t.Error("Check(de) = nil, want an error")
	}
}
