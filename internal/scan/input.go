package scan

import (
	"bufio"
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"strings"

	"github.com/miekg/dns"

	"github.com/lac-dns-observatory/dnsobs/internal/dnsname"
	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// Format of an input.
type Format string

// Input formats.
const (
	FormatAuto Format = ""     // detected from the first lines
	FormatList Format = "list" // one domain per line, # or ; comments
	FormatZone Format = "zone" // a zone file: the delegated names (NS owners below the apex)
)

// ParseFormat parses --format.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case FormatAuto, "auto":
		return FormatAuto, nil
	case FormatList, FormatZone:
		return Format(s), nil
	}
	return "", fmt.Errorf("unknown input format %q (want list or zone)", s)
}

// Reader streams an input's domains: each accepted name once, every other
// line reported as a problem with its line number. Duplicates are found
// with a 64-bit hash per name (8 bytes and a line number per name, not the
// name itself).
type Reader struct {
	seed     maphash.Seed
	seen     map[uint64]int
	accepted int64
}

// NewReader returns a Reader.
func NewReader() *Reader { return &Reader{seed: maphash.MakeSeed(), seen: map[uint64]int{}} }

// Read reads in (format f, detected when FormatAuto), calling accept for
// each new domain and reject for each line that is not one.
func (r *Reader) Read(in io.Reader, f Format, accept func(store.InputDomain) error, reject func(store.InputProblem) error) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if f == FormatAuto {
		head, _ := br.Peek(16 << 10)
		f = detect(head)
	}
	take := func(line int, text, name string) error {
		// The line is kept escaped and cut to dnsname.MaxEcho characters:
		// no NUL byte or control character reaches the store or a terminal.
		text = dnsname.Escape(text)
		n, err := dnsname.Normalize(name)
		if err != nil {
			return reject(store.InputProblem{Line: line, Text: text, Reason: "invalid: " + err.Error()})
		}
		if n == "." {
			return reject(store.InputProblem{Line: line, Text: text, Reason: "invalid: the root is not a domain to scan"})
		}
		h := maphash.String(r.seed, n)
		if first, dup := r.seen[h]; dup {
			return reject(store.InputProblem{Line: line, Text: text, Reason: fmt.Sprintf("duplicate of line %d", first)})
		}
		r.seen[h] = line
		r.accepted++
		return accept(store.InputDomain{Pos: r.accepted, Line: line, Name: n})
	}
	if f == FormatZone {
		return r.readZone(br, take)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		s := text
		if i := strings.IndexAny(s, "#;"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		// "name,extra,columns" lines (ZDNS's name,nameserver): the first
		// column is the name. A space inside a name is an invalid line,
		// not a separator.
		if i := strings.IndexByte(s, ','); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		if err := take(line, text, s); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("scan: reading the input at line %d: %w", line+1, err)
	}
	return nil
}

// detect guesses a zone file from directives, SOA or NS records with a
// class or TTL in the first lines.
func detect(head []byte) Format {
	for _, l := range bytes.Split(head, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == ';' || l[0] == '#' {
			continue
		}
		if l[0] == '$' {
			return FormatZone
		}
		f := strings.Fields(strings.ToUpper(string(l)))
		for _, w := range f[1:] {
			if w == "SOA" || w == "NS" || w == "IN" || w == "DS" || w == "A" || w == "AAAA" {
				return FormatZone
			}
		}
	}
	return FormatList
}

// readZone takes the owners of NS records below the zone's apex: the
// delegated names of a TLD's zone. Glue and other records are skipped.
func (r *Reader) readZone(in io.Reader, take func(line int, text, name string) error) error {
	zp := dns.NewZoneParser(in, ".", "input")
	zp.SetDefaultTTL(3600)
	apex := ""
	last := ""
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		h := rr.Header()
		if h.Rrtype == dns.TypeSOA && apex == "" {
			apex = strings.ToLower(h.Name)
			continue
		}
		if h.Rrtype != dns.TypeNS {
			continue
		}
		owner := strings.ToLower(h.Name)
		if owner == apex || owner == last {
			continue
		}
		if apex != "" && !dns.IsSubDomain(apex, owner) {
			continue
		}
		last = owner
		if _, dup := r.seen[maphash.String(r.seed, owner)]; dup {
			continue // a zone lists each delegation's NS records together or apart; not a duplicate line
		}
		if err := take(0, owner, owner); err != nil {
			return err
		}
	}
	if err := zp.Err(); err != nil {
		return fmt.Errorf("scan: zone file: %w", err)
	}
	return nil
}
