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
	// RFC 9904's requirement levels for an algorithm (dnssec.Requirement).
	"requirement": {
		"MUST NOT":        {"en": "MUST NOT be used", "es": "NO DEBE usarse", "pt": "NÃO DEVE ser usado", "fr": "NE DOIT PAS être utilisé"},
		"NOT RECOMMENDED": {"en": "is NOT RECOMMENDED", "es": "NO se RECOMIENDA", "pt": "NÃO é RECOMENDADO", "fr": "est DÉCONSEILLÉ"},
	},
}
