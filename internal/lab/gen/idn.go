package gen

import "golang.org/x/net/idna"

// idnWords are Spanish and Portuguese words with letters outside ASCII:
// the U-labels the generator's IDN domains are made of.
var idnWords = []string{
	"año", "niño", "café", "señal", "compañía", "música", "ação", "informação",
	"pão", "são", "canción", "jamón", "mañana", "árbol", "educação", "técnico",
	"línea", "güiro", "pingüino", "cañón", "limón", "corazón", "coração", "maçã",
	"ñandú", "açaí", "guaraná", "panadería", "peña", "tecnología",
}

// aLabel returns the A-label ("xn--…") of a lower-case U-label.
func aLabel(u string) (string, error) { return idna.Lookup.ToASCII(u) }
