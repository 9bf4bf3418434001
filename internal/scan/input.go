package scan

import (
	"bufio"
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"regexp"
	"strconv"
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
		return r.readZone(br, take, reject)
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

// BadInputError is an input refused as a whole (not text, a zone file the
// parser cannot go on reading): the command's exit code 2.
type BadInputError struct{ Msg string }

func (e *BadInputError) Error() string { return e.Msg }

// checkText refuses an input that is not text: a NUL byte in its first
// 64 KB (a compressed file, a database, /dev/zero).
func checkText(br *bufio.Reader) error {
	head, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return &BadInputError{fmt.Sprintf("scan: the input is not text (a NUL byte at offset %d: compressed or binary?); no run was created", i)}
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
// A record the parser refuses is reported with its line and skipped: the
// parser starts again on the next line, with the last $ORIGIN and $TTL.
func (r *Reader) readZone(in io.Reader, take func(line int, text, name string) error, reject func(store.InputProblem) error) error {
	lr := &lineReader{br: bufio.NewReaderSize(in, 64<<10), origin: ".", ttl: 3600}
	apex := ""
	last := ""
	for {
		base := lr.line
		zp := dns.NewZoneParser(lr, lr.origin, "input")
		zp.SetDefaultTTL(lr.ttl)
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
			if err := take(lr.line, owner, owner); err != nil {
				return err
			}
		}
		err := zp.Err()
		if err == nil {
			return nil
		}
		if lr.err != nil {
			return fmt.Errorf("scan: zone file at line %d: %w", lr.line, lr.err)
		}
		line := lr.line
		if m := parseErrLine.FindStringSubmatch(err.Error()); m != nil {
			if n, aerr := strconv.Atoi(m[1]); aerr == nil && base+n <= lr.line {
				line = base + n
			}
		}
		if rerr := reject(store.InputProblem{Line: line, Text: dnsname.Escape(lr.text(line)), Reason: "invalid record, skipped: " + dnsname.Escape(strings.TrimPrefix(err.Error(), "dns: "))}); rerr != nil {
			return rerr
		}
		if lr.line == base {
			return nil // no line read since the last start: nothing to skip
		}
		// Skip the rest of the bad record's line and go on after it,
		// with the lines the parser had read ahead.
		lr.rewind(line)
		if lr.eof && len(lr.replay) == 0 {
			return nil
		}
	}
}

var parseErrLine = regexp.MustCompile(`at line: (\d+):`)

// lineReader gives the zone parser one line per Read, so that after a
// parse error no more than the bad record's lines have been read. It
// counts lines, remembers the recent ones (for the report) and the last
// $ORIGIN and $TTL (for the parser that starts again).
type lineReader struct {
	br      *bufio.Reader
	line    int      // lines handed out
	pending string   // the rest of a line not yet handed out
	recent  []string // the last lines handed out, recent[len-1] is line `line`
	origin  string
	ttl     uint32
	replay  []string // lines to hand out again (rewind)
	eof     bool
	err     error // a read error (not EOF)
}

func (l *lineReader) Read(p []byte) (int, error) {
	if l.pending == "" {
		var s string
		switch {
		case len(l.replay) > 0:
			s, l.replay = l.replay[0], l.replay[1:]
		case l.eof:
			return 0, io.EOF
		default:
			var err error
			s, err = l.br.ReadString('\n')
			if err != nil {
				if err != io.EOF {
					l.err = err
					return 0, err
				}
				l.eof = true
				if s == "" {
					return 0, io.EOF
				}
			}
		}
		l.line++
		l.recent = append(l.recent, s)
		if len(l.recent) > 64 {
			l.recent = l.recent[len(l.recent)-64:]
		}
		l.directive(s)
		l.pending = s
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// directive notes $ORIGIN and $TTL lines.
func (l *lineReader) directive(s string) {
	f := strings.Fields(s)
	if len(f) < 2 {
		return
	}
	switch strings.ToUpper(f[0]) {
	case "$ORIGIN":
		if o := dns.Fqdn(f[1]); o != "" {
			if _, ok := dns.IsDomainName(o); ok {
				l.origin = o
			}
		}
	case "$TTL":
		if t, err := strconv.ParseUint(f[1], 10, 32); err == nil {
			l.ttl = uint32(t)
		}
	}
}

// text returns line n if it is still remembered.
func (l *lineReader) text(n int) string {
	i := len(l.recent) - 1 - (l.line - n)
	if i < 0 || i >= len(l.recent) {
		return ""
	}
	return strings.TrimRight(l.recent[i], "\r\n")
}

// rewind forgets what the stopped parser read after line n: those lines
// are handed out again, to the parser that starts after line n.
func (l *lineReader) rewind(n int) {
	l.pending = ""
	k := l.line - n
	if k <= 0 || k >= len(l.recent) {
		return
	}
	l.replay = append(append([]string{}, l.recent[len(l.recent)-k:]...), l.replay...)
	l.recent = l.recent[:len(l.recent)-k]
	l.line = n
}
