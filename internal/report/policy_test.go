package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/miekg/dns"

	_ "github.com/lac-dns-observatory/dnsobs/internal/check/all"
	"github.com/lac-dns-observatory/dnsobs/internal/check/checktest"
	"github.com/lac-dns-observatory/dnsobs/internal/observe"
	"github.com/lac-dns-observatory/dnsobs/internal/report"
)

// An address the transport policy refused is reported as what it is, in
// the findings and in the text, never as a server that did not answer.
func TestPolicyRefusedAddress(t *testing.T) {
	o := checktest.Delegated("example.test")
	o.NS("ns1.example.net", true, "198.51.100.1")
	o.NS("ns2.example.net", true, "10.0.0.53")
	o.Healthy("198.51.100.1", 1, "ns1.example.net", "ns2.example.net")
	for _, p := range []string{observe.PurposeSOAUDP, observe.PurposeSOATCP} {
		q := o.Refused(p, "10.0.0.53", "example.test.", dns.TypeSOA)
		q.Error = "10.0.0.53 is a loopback, private, link-local or multicast address: not probed outside lab mode"
	}
	r := report.Build(o.D, report.Options{Lang: "en"})
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.ID+" "+f.Subject)
		if f.ID == "NS_UNREACHABLE" {
			t.Errorf("policy-refused address reported unreachable: %+v", f)
		}
	}
	if !strings.Contains(strings.Join(ids, "\n"), "NS_ADDRESS_NOT_GLOBAL ns2.example.net. 10.0.0.53") {
		t.Errorf("no NS_ADDRESS_NOT_GLOBAL for 10.0.0.53 in\n%s", strings.Join(ids, "\n"))
	}
	p := r.Nameservers[1].Addresses[0].Probe
	if p == nil || p.NotProbed == "" || p.Lame != "not_probed" {
		t.Errorf("probe of 10.0.0.53: %+v", p)
	}
	var b bytes.Buffer
	if err := report.WriteText(&b, r, report.TextOptions{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "not queried: 10.0.0.53 is a loopback, private") {
		t.Errorf("text does not say the address was not queried:\n%s", b.String())
	}
}
