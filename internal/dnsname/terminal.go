package dnsname

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terminal returns s safe to print on a terminal, whole (it cuts
// nothing, unlike Escape): every byte that could act on a terminal is
// written as \DDD, its value in three decimal digits, as DNS presentation
// format writes a name's or a TXT string's unprintable octets (RFC 1035
// §5.1, dig). That is C0 controls (NUL, ESC, newline, tab...), DEL, the
// C1 controls U+0080–U+009F, Unicode format characters (bidirectional
// overrides, zero-width characters), the line and paragraph separators,
// and each byte of invalid UTF-8. Everything else, a backslash included,
// is kept as is: names and TXT strings are already in presentation format
// (`a\000b.example.`), and escaping their backslashes again would change
// what they say.
func Terminal(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unsafeRune(r, n) {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		for _, c := range []byte(s[i : i+n]) {
			b.WriteByte('\\')
			d := strconv.Itoa(int(c))
			b.WriteString(strings.Repeat("0", 3-len(d)))
			b.WriteString(d)
		}
		i += n
	}
	return b.String()
}

// unsafeRune reports whether the rune r, n bytes long in its UTF-8 form,
// could act on a terminal or is not UTF-8.
func unsafeRune(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == '\u2028', r == '\u2029':
		return true
	}
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}
