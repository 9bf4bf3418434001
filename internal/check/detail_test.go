package check

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestExpandMatchesRegexp holds expand to what a regular expression for
// {name} placeholders gives, on fixed cases and on random strings of the
// characters that matter: braces, name characters and others.
func TestExpandMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)
	known := func(name string) (string, bool) {
		if strings.HasPrefix(name, "a") || name == "subject" {
			return "<" + strings.ToUpper(name) + ">", true
		}
		return "", false
	}
	want := func(s string) string {
		return re.ReplaceAllStringFunc(s, func(m string) string {
			if v, ok := known(m[1 : len(m)-1]); ok {
				return v
			}
			return m
		})
	}
	cases := []string{"", "plain", "{subject}", "{subject} is {b1}", "{{a}", "{a}}", "{a", "a}", "{}", "{A}",
		"{a b}", "{1a}", "{a_1}{a2}", "x{ab}y{zz}w", "{{{a}}}", "é{a}ñ", "{a-b}"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "{}ab_1Z -é"
	runes := []rune(alphabet)
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		if got, w := expand(c, known), want(c); got != w {
			t.Fatalf("expand(%q) = %q, want %q", c, got, w)
		}
	}
	if got := placeholders("{a} {b_2} {C} {a}"); strings.Join(got, ",") != "a,b_2,a" {
		t.Errorf("placeholders = %q, want a, b_2, a", got)
	}
}
