package check

import (
	"fmt"
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

// placeholderLen is the length of the {name} placeholder s starts with
// (a lower-case letter, then lower-case letters, digits and underscores,
// in braces), or 0.
func placeholderLen(s string) int {
	if len(s) < 3 || s[0] != '{' || s[1] < 'a' || s[1] > 'z' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == '}':
			return i + 1
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
		default:
			return 0
		}
	}
	return 0
}

// expand is tmpl with each {name} placeholder replaced by value(name); a
// placeholder value does not know stays as it is. It runs for every
// finding of a scan, so it scans the template once instead of using a
// regular expression or a strings.Replacer built per call.
func expand(tmpl string, value func(name string) (string, bool)) string {
	i := strings.IndexByte(tmpl, '{')
	if i < 0 {
		return tmpl
	}
	var b strings.Builder
	b.Grow(len(tmpl) + 64)
	for i >= 0 {
		b.WriteString(tmpl[:i])
		tmpl = tmpl[i:]
		n := placeholderLen(tmpl)
		if n == 0 {
			b.WriteByte('{')
			tmpl = tmpl[1:]
		} else {
			if v, ok := value(tmpl[1 : n-1]); ok {
				b.WriteString(v)
			} else {
				b.WriteString(tmpl[:n])
			}
			tmpl = tmpl[n:]
		}
		i = strings.IndexByte(tmpl, '{')
	}
	b.WriteString(tmpl)
	return b.String()
}

// placeholders lists the argument names a template places.
func placeholders(tmpl string) []string {
	var out []string
	expand(tmpl, func(name string) (string, bool) {
		out = append(out, name)
		return "", false
	})
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
	return expand(tmpl, func(name string) (string, bool) {
		v, ok := args[name]
		if !ok {
			return "", false
		}
		return argText(name, v, lang), true
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
