package observe

import (
	"encoding/json"
	"net/netip"
	"testing"

	"github.com/miekg/dns"
)

func TestLogSharedAndJSON(t *testing.T) {
	m := new(dns.Msg)
	m.SetQuestion("example.org.", dns.TypeSOA)
	m.Response = true
	wire, _ := m.Pack()
	var own, run Log
	a := own.Add(&Query{Purpose: PurposeSOAUDP, Server: netip.MustParseAddr("192.0.2.1"), Status: StatusOK, Response: wire, Attempts: 1})
	run.Add(&Query{Purpose: PurposeNSID})
	shared := run.Add(&Query{Purpose: PurposeRecursion, Status: StatusOK, Response: wire, Attempts: 2})
	seqs := own.AddShared([]*Query{shared})
	if a.Seq != 1 || seqs[shared.Seq] != 2 || own.Len() != 2 {
		t.Fatalf("seqs %d, %v; len %d", a.Seq, seqs, own.Len())
	}
	c := own.Queries()[1]
	if !c.Shared || c.Seq != 2 || c == shared || shared.Shared {
		t.Errorf("copy %+v; original shared=%v", c, shared.Shared)
	}
	if c.Msg() == nil || c.Rcode() != dns.RcodeSuccess || !c.Answered() {
		t.Error("the copy's response does not parse")
	}
	if c.Msg() != shared.Msg() {
		t.Error("the copy parsed its response again instead of using its origin's")
	}
	// A copy whose response was replaced (a test editing observations)
	// parses its own.
	m.Rcode = dns.RcodeRefused
	refused, _ := m.Pack()
	var own2 Log
	own2.AddShared([]*Query{shared})
	edited := own2.Queries()[0]
	edited.Response = refused
	if edited.Rcode() != dns.RcodeRefused {
		t.Errorf("a copy with an edited response: rcode %d, want REFUSED", edited.Rcode())
	}
	b, err := json.Marshal(own.Queries())
	if err != nil {
		t.Fatal(err)
	}
	var back []*Query
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[1].Msg() == nil || !back[1].Shared || back[0].Server != a.Server {
		t.Errorf("JSON round trip lost data: %+v", back)
	}
	if (&Query{}).Rcode() != -1 {
		t.Error("Rcode of an unanswered query is not -1")
	}
}
