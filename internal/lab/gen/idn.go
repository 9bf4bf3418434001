package gen

import (
	"errors"
	"strings"
)

// idnWords are Spanish and Portuguese words with letters outside ASCII:
// the U-labels the generator's IDN domains are made of.
var idnWords = []string{
	"año", "niño", "café", "señal", "compañía", "música", "ação", "informação",
	"pão", "são", "canción", "jamón", "mañana", "árbol", "educação", "técnico",
	"línea", "güiro", "pingüino", "cañón", "limón", "corazón", "coração", "maçã",
	"ñandú", "açaí", "guaraná", "panadería", "peña", "tecnología",
}

// Punycode parameters (RFC 3492 §5).
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
)

// aLabel returns the A-label ("xn--…") of a U-label, encoding it with
// Punycode (RFC 3492). The label must be lower case already; a label that
// is all ASCII is returned unchanged.
func aLabel(u string) (string, error) {
	runes := []rune(u)
	var b strings.Builder
	basic := 0
	for _, r := range runes {
		if r < 0x80 {
			b.WriteRune(r)
			basic++
		}
	}
	if basic == len(runes) {
		return u, nil
	}
	if basic > 0 {
		b.WriteByte('-')
	}
	n, delta, bias := rune(pcInitialN), 0, pcInitialBias
	for h := basic; h < len(runes); {
		m := rune(0x10FFFF + 1)
		for _, r := range runes {
			if r >= n && r < m {
				m = r
			}
		}
		if int(m-n) > (1<<31-1-delta)/(h+1) {
			return "", errors.New("gen: punycode overflow")
		}
		delta += int(m-n) * (h + 1)
		n = m
		for _, r := range runes {
			if r < n {
				delta++
			}
			if r != n {
				continue
			}
			q := delta
			for k := pcBase; ; k += pcBase {
				t := k - bias
				switch {
				case t < pcTMin:
					t = pcTMin
				case t > pcTMax:
					t = pcTMax
				}
				if q < t {
					break
				}
				b.WriteByte(pcDigit(t + (q-t)%(pcBase-t)))
				q = (q - t) / (pcBase - t)
			}
			b.WriteByte(pcDigit(q))
			bias = pcAdapt(delta, h+1, h == basic)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return "xn--" + b.String(), nil
}

func pcDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

func pcAdapt(delta, numPoints int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}
