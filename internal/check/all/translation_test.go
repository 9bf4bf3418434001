package all

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/lac-dns-observatory/dnsobs/internal/check"
)

// englishWords are words that, found in a report rendered in es, pt or fr,
// mean something was left in English. None of them is a word of those
// languages; protocol names (REFUSED, RRSIG, CNAME) and data (names,
// addresses, IANA's range names) are not in the list.
var englishWords = strings.Fields(`the of and or not no-op with without answered answers answer response responses
	server servers nameserver nameservers failed fails expired expires valid from to for in at is are was has have
	only over by allowed missing found address addresses signed unsigned queried query could none want
	exchanges median inception digest key keys iterations salt tried once per matches match different describe
	records record name names zone's authoritative named publication signing be used recommended must should`)

var leftPlaceholder = regexp.MustCompile(`\{[a-z_]+\}`)

// TestEveryDetailTranslated renders every detail template of the catalog
// in every language with its example arguments, inside its check's
// message, and fails on a placeholder left unfilled or, in es, pt and fr,
// on an English word.
func TestEveryDetailTranslated(t *testing.T) {
	english := map[string]bool{}
	for _, w := range englishWords {
		english[w] = true
	}
	details := 0
	for _, d := range check.All() {
		for _, key := range d.DetailKeys() {
			details++
			ex := d.Details[key].Example
			for _, lang := range check.Languages {
				f := check.Finding{ID: d.ID, Subject: "example.org.", DetailKey: key, Args: ex}
				check.Render(&f, lang)
				detail := check.RenderDetail(&f, lang)
				for _, text := range []string{detail, f.Message, d.Text[lang].Title} {
					if m := leftPlaceholder.FindString(text); m != "" {
						t.Errorf("%s %s/%s: %s left in %q", d.ID, key, lang, m, text)
					}
					if lang == "en" {
						continue
					}
					for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
						if english[strings.ToLower(w)] {
							t.Errorf("%s %s/%s: English %q in %q", d.ID, key, lang, w, text)
						}
					}
				}
				if !strings.Contains(d.Text[lang].Message, "{detail}") && detail == "" {
					t.Errorf("%s %s/%s renders an empty detail", d.ID, key, lang)
				}
			}
		}
	}
	if details == 0 {
		t.Fatal("no detail templates in the catalog")
	}
}

// TestCodedTermsTranslated checks the vocabulary of coded arguments the
// same way: every code in es, pt and fr without an English word.
func TestCodedTermsTranslated(t *testing.T) {
	english := map[string]bool{}
	for _, w := range englishWords {
		english[w] = true
	}
	for arg, codes := range check.Terms {
		for code, texts := range codes {
			for _, lang := range []string{"es", "pt", "fr"} {
				for _, w := range strings.FieldsFunc(texts[lang], func(r rune) bool { return !unicode.IsLetter(r) }) {
					if english[strings.ToLower(w)] {
						t.Errorf("Terms[%s][%s] in %s: English %q in %q", arg, code, lang, w, texts[lang])
					}
				}
			}
		}
	}
}
