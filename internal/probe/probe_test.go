package probe

import "testing"

func TestMixedCase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"example.org.", "ExAmPlE.oRg."},
		{"ns-qname-case.test.", "Ns-QnAmE-cAsE.tEsT."},
		{"EXAMPLE.ORG.", "ExAmPlE.oRg."},
		{"123.45.", "123.45."}, // no letters: nothing to vary, the probe is not sent
		{".", "."},
	} {
		if got := MixedCase(c.in); got != c.want {
			t.Errorf("MixedCase(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
