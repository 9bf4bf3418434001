package pubreport

import (
	"math"
	"testing"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
)

func TestPopulationTable(t *testing.T) {
	m, err := populations()
	if err != nil {
		t.Fatal(err)
	}
	for _, cc := range []string{"AR", "BO", "BR", "CL", "CO", "EC", "MX", "PE", "PY", "UY", "VE"} {
		if p := m[cc]; p.People < 1_000_000 || p.Year != 2023 {
			t.Errorf("%s: %+v", cc, p)
		}
	}
}

// Penetration and IDN shares, recomputed here by hand from the table's
// figures.
func TestPenetration(t *testing.T) {
	rows := []indicators.Row{row("a.uy.", "secure"), row("b.uy.", "insecure"), row("xn--ao-zja.uy.", "insecure"),
		row("a.br.", "insecure"), row("a.xx.", "insecure"), {Domain: "a.org.", TLD: "org"}}
	pens := Penetrations(rows)
	if len(pens) != 3 || pens[0].Country != "BR" || pens[1].Country != "UY" || pens[2].Country != "XX" {
		t.Fatalf("penetrations %+v", pens)
	}
	if want := 1000 * 3 / 3423110.0; pens[1].Domains != 3 || math.Abs(pens[1].PerThousand-want) > 1e-15 || pens[1].Year != 2023 {
		t.Errorf("UY %+v, want %v per 1,000", pens[1], want)
	}
	if want := 1000 * 1 / 216422000.0; math.Abs(pens[0].PerThousand-want) > 1e-15 {
		t.Errorf("BR %+v, want %v per 1,000", pens[0], want)
	}
	if pens[2].Population != 0 || pens[2].PerThousand != 0 {
		t.Errorf("XX has no figure: %+v", pens[2])
	}
	v, ok := Measure(rows, DomainsPer1000, indicators.Scope{Kind: "country", Value: "UY"})
	if !ok || v != pens[1].PerThousand {
		t.Errorf("Measure: %v %v", v, ok)
	}
	idn := IDNShares(rows)
	if len(idn) != 4 || idn[2].TLD != "uy" || idn[2].IDN != 1 || idn[2].Domains != 3 || math.Abs(idn[2].Pct-100.0/3) > 1e-12 {
		t.Errorf("IDN shares %+v", idn)
	}
	for name, want := range map[string]bool{"xn--ao-zja.uy.": true, "a.xn--p1ai.": true, "xnx.uy.": false, "a.uy": false} {
		if IsIDN(name) != want {
			t.Errorf("IsIDN(%s) = %v", name, !want)
		}
	}
}
