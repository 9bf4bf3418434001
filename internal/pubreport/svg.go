package pubreport

import (
	"fmt"
	"html"
	htmltemplate "html/template"
	"strings"
)

// spark is a small line of a series (one point per run), or nothing
// with fewer than two points. label names it for screen readers.
func spark(series []float64, label string) htmltemplate.HTML {
	if len(series) < 2 {
		return ""
	}
	lo, hi := series[0], series[0]
	for _, x := range series {
		lo, hi = min(lo, x), max(hi, x)
	}
	const w, h = 80.0, 20.0
	var pts []string
	for i, x := range series {
		y := h / 2
		if hi > lo {
			y = h - 2 - (x-lo)/(hi-lo)*(h-4)
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", float64(i)*(w-4)/float64(len(series)-1)+2, y))
	}
	return htmltemplate.HTML(fmt.Sprintf(`<svg width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-label="%s"><polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="%s"/></svg>`,
		w, h, w, h, html.EscapeString(label), strings.Join(pts, " "))) // only numbers and an escaped label
}

// chart is a horizontal bar chart of two indicators (DNSSEC signed, IPv6
// ready) per country: two bars each, 0-100%.
func chart(v *view, title, labelA, labelB string) htmltemplate.HTML {
	if len(v.Countries) == 0 {
		return ""
	}
	const left, barW, barH, gap = 40.0, 300.0, 9.0, 8.0
	rowH := 2*barH + gap
	height := 30 + rowH*float64(len(v.Countries)) + 10
	var b strings.Builder
	fmt.Fprintf(&b, `<figure><svg class="chart" width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-labelledby="chart-title"><title id="chart-title">%s</title>`,
		left+barW+80, height, left+barW+80, height, html.EscapeString(title))
	fmt.Fprintf(&b, `<rect x="%g" y="4" width="10" height="10" fill="#1f5fa8"/><text x="%g" y="13">%s</text>`, left, left+14, html.EscapeString(labelA))
	fmt.Fprintf(&b, `<rect x="%g" y="4" width="10" height="10" fill="#d4770b"/><text x="%g" y="13">%s</text>`, left+190, left+204, html.EscapeString(labelB))
	for i, c := range v.Countries {
		y := 30 + rowH*float64(i)
		a, bb := c.Raw[0], c.Raw[2] // dnssec_signed_pct, ipv6_ready_pct
		fmt.Fprintf(&b, `<text x="0" y="%.1f">%s</text>`, y+barH+3, html.EscapeString(c.Country))
		fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="%.1f" height="%g" fill="#1f5fa8"><title>%s %s: %s</title></rect>`,
			left, y, barW*a/100, barH, html.EscapeString(c.Country), html.EscapeString(labelA), html.EscapeString(c.Values[0]))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f">%s</text>`, left+barW*a/100+4, y+barH-1, html.EscapeString(c.Values[0]))
		fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="%.1f" height="%g" fill="#d4770b"><title>%s %s: %s</title></rect>`,
			left, y+barH, barW*bb/100, barH, html.EscapeString(c.Country), html.EscapeString(labelB), html.EscapeString(c.Values[2]))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f">%s</text>`, left+barW*bb/100+4, y+2*barH-1, html.EscapeString(c.Values[2]))
	}
	b.WriteString(`</svg></figure>`)
	return htmltemplate.HTML(b.String()) // every text in it escaped above
}
