package check

// Terms are the codes that coded arguments hold, in each language: the
// argument name, then the code, then the language. An argument named
// here holds codes only (one, or a list joined with ", "); every other
// argument is data and is printed as it is. Register refuses an example
// with a code missing here, and every code has all four languages
// (TestTermsComplete).
var Terms = map[string]map[string]map[string]string{
	// Why a server is lame (analyze.ServerResult.Lame).
	"reason": {
		"refused":           {"en": "answered REFUSED", "es": "respondió REFUSED", "pt": "respondeu REFUSED", "fr": "a répondu REFUSED"},
		"servfail":          {"en": "answered SERVFAIL", "es": "respondió SERVFAIL", "pt": "respondeu SERVFAIL", "fr": "a répondu SERVFAIL"},
		"nxdomain":          {"en": "answered NXDOMAIN for the zone's own name", "es": "respondió NXDOMAIN para el nombre de la zona", "pt": "respondeu NXDOMAIN para o nome da própria zona", "fr": "a répondu NXDOMAIN pour le nom même de la zone"},
		"upward_referral":   {"en": "referred the query upwards", "es": "remitió la consulta hacia arriba", "pt": "encaminhou a consulta para cima", "fr": "a renvoyé la requête vers le haut"},
		"not_authoritative": {"en": "answered without the AA flag", "es": "respondió sin el bit AA", "pt": "respondeu sem o bit AA", "fr": "a répondu sans le bit AA"},
		"no_soa":            {"en": "no SOA of the zone in the answer", "es": "sin SOA de la zona en la respuesta", "pt": "sem SOA da zona na resposta", "fr": "pas de SOA de la zone dans la réponse"},
		"no_response":       {"en": "no response", "es": "sin respuesta", "pt": "sem resposta", "fr": "aucune réponse"},
		"not_probed":        {"en": "not queried (policy)", "es": "no consultado (política)", "pt": "não consultado (política)", "fr": "non interrogé (politique)"},
	},
	// The EDNS tests a server failed (analyze.EDNS.Failures).
	"tests": {
		"plain":          {"en": "a query without EDNS", "es": "una consulta sin EDNS", "pt": "uma consulta sem EDNS", "fr": "une requête sans EDNS"},
		"edns0":          {"en": "an EDNS0 query", "es": "una consulta EDNS0", "pt": "uma consulta EDNS0", "fr": "une requête EDNS0"},
		"badvers":        {"en": "BADVERS to EDNS version 1", "es": "BADVERS ante EDNS versión 1", "pt": "BADVERS para EDNS versão 1", "fr": "BADVERS pour EDNS version 1"},
		"unknown_option": {"en": "an unknown EDNS option", "es": "una opción EDNS desconocida", "pt": "uma opção EDNS desconhecida", "fr": "une option EDNS inconnue"},
		"do":             {"en": "the DO bit echoed", "es": "el bit DO devuelto", "pt": "o bit DO devolvido", "fr": "le bit DO renvoyé"},
		"fits_1232":      {"en": "an answer within 1232 bytes", "es": "una respuesta dentro de 1232 bytes", "pt": "uma resposta dentro de 1232 bytes", "fr": "une réponse de 1232 octets au plus"},
		"tcp_fallback":   {"en": "the retry over TCP after truncation", "es": "el reintento por TCP tras el truncamiento", "pt": "a nova tentativa por TCP após o truncamento", "fr": "la reprise en TCP après troncature"},
	},
	// What is wrong with a name's form (check/syntax): host names (RFC 952,
	// RFC 1123 §2.1, RFC 3696 §2, §5) and the SOA RNAME as a mailbox.
	"problems": {
		"illegal_char":  {"en": "a character other than a letter, digit or hyphen", "es": "un carácter que no es letra, dígito ni guion", "pt": "um caractere que não é letra, dígito nem hífen", "fr": "un caractère autre que lettre, chiffre ou trait d'union"},
		"hyphen_edge":   {"en": "a label that starts or ends with a hyphen", "es": "una etiqueta que empieza o termina con guion", "pt": "um rótulo que começa ou termina com hífen", "fr": "un label qui commence ou finit par un trait d'union"},
		"double_hyphen": {"en": "\"--\" in the third and fourth positions of a label that is not a valid A-label", "es": "\"--\" en las posiciones tercera y cuarta de una etiqueta que no es una A-label válida", "pt": "\"--\" na terceira e quarta posições de um rótulo que não é um A-label válido", "fr": "« -- » en troisième et quatrième positions d'un label qui n'est pas un A-label valide"},
		"numeric_tld":   {"en": "an all-numeric top-level label", "es": "una etiqueta de primer nivel solo numérica", "pt": "um rótulo de primeiro nível só numérico", "fr": "un label de premier niveau entièrement numérique"},
		"at_sign":       {"en": "an @ sign, where the first dot stands for it", "es": "un signo @, cuando el primer punto hace sus veces", "pt": "um sinal @, quando o primeiro ponto faz esse papel", "fr": "un signe @, alors que le premier point en tient lieu"},
		"mailbox":       {"en": "no valid mailbox once its first dot is read as @ (RFC 5322)", "es": "ningún buzón válido al leer su primer punto como @ (RFC 5322)", "pt": "nenhuma caixa postal válida ao ler seu primeiro ponto como @ (RFC 5322)", "fr": "aucune boîte aux lettres valide en lisant son premier point comme @ (RFC 5322)"},
	},
	// RFC 9904's requirement levels for an algorithm (dnssec.Requirement).
	"requirement": {
		"MUST NOT":        {"en": "MUST NOT be used", "es": "NO DEBE usarse", "pt": "NÃO DEVE ser usado", "fr": "NE DOIT PAS être utilisé"},
		"NOT RECOMMENDED": {"en": "is NOT RECOMMENDED", "es": "NO se RECOMIENDA", "pt": "NÃO é RECOMENDADO", "fr": "est DÉCONSEILLÉ"},
	},
}
