package pubreport

import (
	"math"
	"strconv"
	"strings"
)

// separators are each language's decimal mark and thousands separator.
func separators(lang string) (dec, group string) {
	switch lang {
	case "es", "pt":
		return ",", "."
	case "fr":
		return ",", "\u202f" // narrow no-break space
	}
	return ".", ","
}

// num formats v with d decimals in lang's style: 1,234.50 (en),
// 1.234,50 (es, pt), 1 234,50 (fr).
func num(lang string, v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', d, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	dec, group := separators(lang)
	var b strings.Builder
	if v < 0 && s != strconv.FormatFloat(0, 'f', d, 64) {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec + frac)
	}
	return b.String()
}

// pct formats a percentage in lang's style: 12.34% (en, pt), 12,34 % (es, fr).
func pct(lang string, v float64) string {
	switch lang {
	case "es", "fr":
		return num(lang, v, 2) + "\u00a0%"
	case "pt":
		return num(lang, v, 2) + "%"
	}
	return num(lang, v, 2) + "%"
}

// change formats a difference with its sign: +2.49, -0.50, 0.00.
func change(lang string, v float64, d int) string {
	s := num(lang, v, d)
	if !strings.HasPrefix(s, "-") && s != num(lang, 0, d) {
		return "+" + s
	}
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:] // minus sign
	}
	return s
}
