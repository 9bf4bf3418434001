package dnsname

import (
	"sort"
	"strings"
)

// Compare orders two names as RFC 4034 §6.1 does: label by label from the
// rightmost, each label compared as octets with US-ASCII letters folded to
// lower case, a name before the names below it. It returns -1, 0 or +1.
// Names are in presentation form (a final dot or not); \DDD and \X escapes
// are read as the octets they stand for.
func Compare(a, b string) int { return compareLabels(Labels(a), Labels(b)) }

// Labels returns the labels of name as lower-case octets, rightmost first:
// the key Compare orders by.
func Labels(name string) []string {
	name = strings.TrimSuffix(name, ".")
	if name == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '\\':
			i++ // the escaped character is never a separator
		case '.':
			out = append(out, label(name[start:i]))
			start = i + 1
		}
	}
	out = append(out, label(name[start:]))
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func compareLabels(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := strings.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// Sort sorts names in canonical order (Compare), stably.
func Sort(names []string) {
	keys := make(map[string][]string, len(names))
	for _, n := range names {
		keys[n] = Labels(n)
	}
	sort.SliceStable(names, func(i, j int) bool { return compareLabels(keys[names[i]], keys[names[j]]) < 0 })
}

// Parent returns the name one label up: "org." for "example.org.", and
// the root for a top-level name and for the root itself.
func Parent(name string) string {
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '\\':
			i++
		case '.':
			if i+1 < len(name) {
				return name[i+1:]
			}
			return "."
		}
	}
	return "."
}

// label turns one label's presentation form into its octets, US-ASCII
// letters in lower case.
func label(l string) string {
	if !strings.ContainsAny(l, `\ABCDEFGHIJKLMNOPQRSTUVWXYZ`) {
		return l
	}
	b := make([]byte, 0, len(l))
	for i := 0; i < len(l); i++ {
		c := l[i]
		if c == '\\' && i+1 < len(l) {
			if i+3 < len(l) && isDigit(l[i+1]) && isDigit(l[i+2]) && isDigit(l[i+3]) {
				c = byte((int(l[i+1]-'0')*100 + int(l[i+2]-'0')*10 + int(l[i+3]-'0')) & 0xff)
				i += 3
			} else {
				c = l[i+1]
				i++
			}
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
