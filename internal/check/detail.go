package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Args are a finding's named values: serials, addresses, names, dates
// (RFC 3339), algorithms, counts, and codes. A value is language-neutral
// data; a list is joined with ", ". An argument whose name is a key of
// Terms holds codes (one, or a list), which each language's rendering
// translates: `reason: "no_soa"` reads "no SOA in the answer" in English
// and "sin SOA en la respuesta" in Spanish.
type Args map[string]string

// Detail is one way a check says a finding's specifics: a template in
// each language whose {name} placeholders take the finding's Args, and a
// typical argument set. The translation test renders every template with
// its example, and Register refuses a placeholder the example lacks.
type Detail struct {
	Text    map[string]string `json:"text"`
	Example Args              `json:"example"`
}

// placeholder matches {name} in a detail template.
var placeholder = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// placeholders lists the argument names a template places.
func placeholders(tmpl string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(tmpl, -1) {
		out = append(out, m[1])
	}
	return out
}

// validateDetails checks d's detail templates: the same keys in every
// language, an example argument set for each key naming every argument a
// template places, and only known codes in coded arguments.
func validateDetails(d Definition) error {
	for key, det := range d.Details {
		if key == "" {
			return fmt.Errorf("a detail with an empty key")
		}
		for _, l := range Languages {
			tmpl, ok := det.Text[l]
			if !ok || tmpl == "" {
				return fmt.Errorf("detail %q lacks its %s template", key, l)
			}
			if strings.Contains(tmpl, "{subject}") || strings.Contains(tmpl, "{detail}") {
				return fmt.Errorf("%s detail %q places {subject} or {detail}", l, key)
			}
			for _, p := range placeholders(tmpl) {
				if _, ok := det.Example[p]; !ok {
					return fmt.Errorf("%s detail %q places {%s}, which its example lacks", l, key, p)
				}
			}
		}
		if len(det.Text) != len(Languages) {
			return fmt.Errorf("detail %q has templates in %d languages, want %d", key, len(det.Text), len(Languages))
		}
		for name, v := range det.Example {
			codes, coded := Terms[name]
			if !coded {
				continue
			}
			for _, c := range splitList(v) {
				if _, ok := codes[c]; !ok {
					return fmt.Errorf("example of detail %q: %s code %q is not in Terms", key, name, c)
				}
			}
		}
	}
	return nil
}

// DetailKeys returns d's detail keys, sorted.
func (d Definition) DetailKeys() []string {
	var keys []string
	for k := range d.Details {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// DetailText renders d's detail template key in lang (English when lang has
// none) with args. A placeholder args lacks stays as written, {name}, so a
// test sees it.
func DetailText(d Definition, lang, key string, args Args) string {
	return detailText(d, lang, key, args)
}

func detailText(d Definition, lang, key string, args Args) string {
	if key == "" {
		return ""
	}
	det, ok := d.Details[key]
	if !ok {
		return ""
	}
	tmpl, ok := det.Text[lang]
	if !ok {
		tmpl = det.Text["en"]
	}
	return placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		name := m[1 : len(m)-1]
		v, ok := args[name]
		if !ok {
			return m
		}
		return argText(name, v, lang)
	})
}

// argText is v as lang says it: coded arguments translated, the rest as is.
func argText(name, v, lang string) string {
	codes, coded := Terms[name]
	if !coded {
		return v
	}
	parts := splitList(v)
	for i, c := range parts {
		if t, ok := codes[c]; ok {
			if s, ok := t[lang]; ok {
				parts[i] = s
			} else {
				parts[i] = t["en"]
			}
		}
	}
	return strings.Join(parts, ", ")
}

func splitList(v string) []string {
	if v == "" {
		return nil
	}
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// RenderDetail is f's detail in lang: its template with its arguments,
// or Detail as stored for a finding made before findings had templates or
// under a detail key its check no longer has.
func RenderDetail(f *Finding, lang string) string {
	if f.DetailKey == "" {
		return f.Detail
	}
	d, ok := Lookup(f.ID)
	if !ok {
		return f.Detail
	}
	if _, known := d.Details[f.DetailKey]; !known {
		// Stored under a key the check no longer has (its case moved to
		// another check): the stored English detail still says it.
		return f.Detail
	}
	return detailText(d, lang, f.DetailKey, f.Args)
}

// List joins values as a list argument.
func List(values []string) string { return strings.Join(values, ", ") }

// Langs is a template in the catalog's four languages, in the order of
// Languages: en, es, pt, fr.
func Langs(en, es, pt, fr string) map[string]string {
	return map[string]string{"en": en, "es": es, "pt": pt, "fr": fr}
}
