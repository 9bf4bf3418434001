// Package observe defines the raw observations that collection produces and
// analysis consumes: every DNS query sent, to which server, over which
// transport, what came back and how fast. Analysis never touches the network;
// it reads these records, so a stored run can be re-analysed and every check
// can be tested from recorded observations.
package observe

import (
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
)

// Transport names how a query travelled.
type Transport string

// Transports.
const (
	UDP Transport = "udp"
	TCP Transport = "tcp"
)

// Status is the closed set of outcomes of one query. Outcomes are data:
// a timeout is a row, not a Go error.
type Status string

// Query outcomes.
const (
	StatusOK        Status = "ok"                // a well-formed response matching the query
	StatusTimeout   Status = "timeout"           // no response within the timeout, after retries
	StatusNetError  Status = "network_error"     // connection refused, unreachable, reset
	StatusMalformed Status = "malformed"         // bytes came back but were not a valid response to this query
	StatusPolicy    Status = "blocked_by_policy" // never sent: the address is not allowed (lab mode, do-not-probe, reserved)
)

// Query is one query sent (or refused by policy) and its outcome.
type Query struct {
	Seq       int           `json:"seq"`
	Purpose   string        `json:"purpose"`        // why it was sent: "resolve", "probe.udp", "dnssec.dnskey", ...
	Zone      string        `json:"zone,omitempty"` // the zone whose servers were being asked
	Server    netip.Addr    `json:"server"`
	Transport Transport     `json:"transport"`
	QName     string        `json:"qname"`
	QType     string        `json:"qtype"`
	QClass    string        `json:"qclass,omitempty"` // empty means IN
	RD        bool          `json:"rd,omitempty"`
	EDNS      *EDNS         `json:"edns,omitempty"`
	SentAt    time.Time     `json:"sent_at"`
	RTT       time.Duration `json:"rtt_ns"`
	Attempts  int           `json:"attempts"`
	Status    Status        `json:"status"`
	Error     string        `json:"error,omitempty"`
	Response  []byte        `json:"response,omitempty"` // the response exactly as received (wire format)
	// From is the source address of a UDP response taken on an unconnected
	// socket (a request with AnySource): any address may answer such a
	// query, and From says which did. Zero for every other query, whose
	// socket only ever receives from Server.
	From netip.Addr `json:"from,omitzero"`
	// AXFR responses span several messages; each one's wire form.
	Stream [][]byte `json:"stream,omitempty"`
	// Shared marks a copy of a query made once for the whole run (a
	// server-level probe, a parent zone's keys) rather than for this target.
	Shared bool `json:"shared,omitempty"`
	// Origin is the query a Shared copy was made from (never stored): all
	// copies of one origin are equal but for Seq, so a store can encode
	// them once.
	Origin *Query `json:"-"`

	// msg is the parsed response once Msg has parsed it, or unparsable.
	// One word rather than a sync.Once and a pointer: a scan holds some
	// 100,000 queries and makes 70 copies per domain, and this keeps a
	// Query in a smaller allocation class.
	msg atomic.Pointer[dns.Msg]
}

// unparsable marks a response Msg could not parse.
var unparsable = new(dns.Msg)

// EDNS describes the OPT record a query carried.
type EDNS struct {
	Version uint8    `json:"version"`
	UDPSize uint16   `json:"udp_size"`
	DO      bool     `json:"do,omitempty"`
	Options []uint16 `json:"options,omitempty"` // option codes sent (NSID=3, unknown ones...)
	Z       uint16   `json:"z,omitempty"`       // EDNS flag bits sent besides DO (the Z field)
}

// Msg returns the parsed response, or nil when there is none or it does not
// parse. The parse is done once and cached (two callers at once may both
// parse; they get the same message), and a Shared copy returns its
// Origin's: one parse for the thousands of domains that copy a query. The
// message is shared, so callers must not modify it.
func (q *Query) Msg() *dns.Msg {
	if o := q.Origin; o != nil && len(o.Response) == len(q.Response) && (len(q.Response) == 0 || &o.Response[0] == &q.Response[0]) {
		return o.Msg()
	}
	m := q.msg.Load()
	if m == nil {
		if len(q.Response) == 0 {
			return nil
		}
		m = new(dns.Msg)
		if err := m.Unpack(q.Response); err != nil {
			m = unparsable
		}
		// Two goroutines may parse at once: both return the first stored.
		if !q.msg.CompareAndSwap(nil, m) {
			m = q.msg.Load()
		}
	}
	if m == unparsable {
		return nil
	}
	return m
}

// DSSection returns the records of the response where a DS RRset is: the
// answer of a DS query, the authority section of a referral (asked with
// DO, a referral carries the DS RRset or the parent's proof that there is
// none, RFC 4035 §3.1.4, so a collector may record the referral as the DS
// query of the cut). It is nil when there is no parsed response.
func (q *Query) DSSection() []dns.RR {
	m := q.Msg()
	if m == nil {
		return nil
	}
	if q.Purpose == PurposeReferral {
		return m.Ns
	}
	return m.Answer
}

// Answered reports whether the query got a well-formed response.
func (q *Query) Answered() bool { return q.Status == StatusOK && q.Msg() != nil }

// Rcode returns the (extended) response code, or -1 when there was no response.
func (q *Query) Rcode() int {
	m := q.Msg()
	if m == nil {
		return -1
	}
	// Unpack has already merged the OPT record's upper bits into Rcode.
	return m.Rcode
}

// Log collects the queries made for one target, numbering them in order.
// It is safe for concurrent use.
type Log struct {
	mu      sync.Mutex
	queries []*Query
}

// Add appends q, assigns its sequence number and returns it.
func (l *Log) Add(q *Query) *Query {
	l.mu.Lock()
	defer l.mu.Unlock()
	q.Seq = len(l.queries) + 1
	l.queries = append(l.queries, q)
	return q
}

// AddShared appends copies of qs, marked Shared, and returns a map from
// each original sequence number to its copy's.
func (l *Log) AddShared(qs []*Query) map[int]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	seqs := make(map[int]int, len(qs))
	// One allocation for all the copies: a scan makes some 70 per domain.
	copies := make([]Query, len(qs))
	l.queries = slices.Grow(l.queries, len(qs))
	for i, q := range qs {
		c := &copies[i]
		c.Purpose, c.Zone, c.Server, c.Transport = q.Purpose, q.Zone, q.Server, q.Transport
		c.QName, c.QType, c.QClass, c.RD, c.EDNS = q.QName, q.QType, q.QClass, q.RD, q.EDNS
		c.SentAt, c.RTT, c.Attempts, c.Status, c.Error = q.SentAt, q.RTT, q.Attempts, q.Status, q.Error
		c.Response, c.From, c.Stream, c.Shared, c.Origin = q.Response, q.From, q.Stream, true, q
		c.Seq = len(l.queries) + 1
		l.queries = append(l.queries, c)
		seqs[q.Seq] = c.Seq
	}
	return seqs
}

// Queries returns the recorded queries in order.
func (l *Log) Queries() []*Query {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*Query(nil), l.queries...)
}

// Query returns the query with seq, or nil.
func (l *Log) Query(seq int) *Query {
	l.mu.Lock()
	defer l.mu.Unlock()
	if seq < 1 || seq > len(l.queries) {
		return nil
	}
	return l.queries[seq-1]
}

// Len is the number of queries recorded.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.queries)
}
