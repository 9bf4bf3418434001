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

// TestMsgParsedOnce: callers at once get one message; a response that does
// not parse gives nil every time.
func TestMsgParsedOnce(t *testing.T) {
	m := new(dns.Msg)
	m.SetQuestion("example.org.", dns.TypeNS)
	m.Response = true
	wire, _ := m.Pack()
	q := &Query{Status: StatusOK, Response: wire}
	got := make(chan *dns.Msg, 8)
	for range 8 {
		go func() { got <- q.Msg() }()
	}
	first := <-got
	for range 7 {
		if x := <-got; x != first || x == nil {
			t.Fatalf("concurrent Msg calls gave %p and %p", first, x)
		}
	}
	bad := &Query{Status: StatusMalformed, Response: wire[:5]}
	for range 2 {
		if bad.Msg() != nil || bad.Rcode() != -1 {
			t.Fatal("a truncated response parsed")
		}
	}
}
