package nameserver

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The server-level checks of issue 14 (EDNS split by test, QNAME case,
// version disclosure, AAAA, source address, upward referrals, SOA). Their
// analysis is in nameserver.go, beside the others'.

// ednsUpgrade is the remediation's first sentence for the EDNS checks.
var ednsUpgrade = check.Langs(
	"Upgrade the DNS server software to a supported release (BIND 9.18 or later, NSD 4, Knot DNS 3, PowerDNS 4.x all pass this test) and remove or update any middlebox that rewrites EDNS (firewalls, load balancers, DDoS filters); test with: dig @<address> <zone> SOA",
	"Actualice el software del servidor DNS a una versión con soporte (BIND 9.18 o posterior, NSD 4, Knot DNS 3 y PowerDNS 4.x superan esta prueba) y retire o actualice todo equipo intermedio que reescriba EDNS (firewalls, balanceadores de carga, filtros anti-DDoS); pruebe con: dig @<dirección> <zona> SOA",
	"Atualize o software do servidor DNS para uma versão com suporte (BIND 9.18 ou posterior, NSD 4, Knot DNS 3 e PowerDNS 4.x passam neste teste) e remova ou atualize qualquer equipamento intermediário que reescreva EDNS (firewalls, balanceadores de carga, filtros anti-DDoS); teste com: dig @<endereço> <zona> SOA",
	"Mettez à jour le logiciel du serveur DNS vers une version maintenue (BIND 9.18 ou ultérieur, NSD 4, Knot DNS 3 et PowerDNS 4.x passent ce test) et retirez ou mettez à jour tout équipement intermédiaire qui réécrit EDNS (pare-feu, répartiteurs de charge, filtres anti-DDoS) ; testez avec : dig @<adresse> <zone> SOA",
)

// texts builds the four languages' texts from titles, messages and
// remediations given in the order of check.Languages.
func texts(title, message, remediation map[string]string) map[string]check.Text {
	out := map[string]check.Text{}
	for _, l := range check.Languages {
		out[l] = check.Text{Title: title[l], Message: message[l], Remediation: remediation[l]}
	}
	return out
}

// withUpgrade puts ednsUpgrade before the command each language ends with.
func withUpgrade(cmd map[string]string) map[string]string {
	out := map[string]string{}
	for l, s := range cmd {
		out[l] = ednsUpgrade[l] + " " + s
	}
	return out
}

var (
	nsEDNSVersion = check.Register(check.Definition{
		ID:         "NS_EDNS_VERSION",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 6891 §6.1.3", "DNS Flag Day 2020"},
		Zonemaster: []string{"NAMESERVER10"},
		Details: map[string]check.Detail{
			"rcode": {
				Text: check.Langs("answered {rcode} to a query of EDNS version 1, not BADVERS", "respondió {rcode} a una consulta de EDNS versión 1, no BADVERS",
					"respondeu {rcode} a uma consulta de EDNS versão 1, não BADVERS", "a répondu {rcode} à une requête EDNS version 1, et non BADVERS"),
				Example: check.Args{"rcode": "NOERROR"},
			},
			"no_opt": {
				Text: check.Langs("answered {rcode} without an OPT record to a query of EDNS version 1", "respondió {rcode} sin registro OPT a una consulta de EDNS versión 1",
					"respondeu {rcode} sem registro OPT a uma consulta de EDNS versão 1", "a répondu {rcode} sans enregistrement OPT à une requête EDNS version 1"),
				Example: check.Args{"rcode": "FORMERR"},
			},
			"version": {
				Text: check.Langs("answered BADVERS with an OPT record of version {version}, not 0", "respondió BADVERS con un registro OPT de versión {version}, no 0",
					"respondeu BADVERS com um registro OPT de versão {version}, não 0", "a répondu BADVERS avec un enregistrement OPT de version {version}, et non 0"),
				Example: check.Args{"version": "1"},
			},
		},
		Text: texts(
			check.Langs("Unknown EDNS version not answered with BADVERS", "Versión EDNS desconocida no respondida con BADVERS",
				"Versão EDNS desconhecida não respondida com BADVERS", "Version EDNS inconnue sans réponse BADVERS"),
			check.Langs("{subject} does not answer a query of an unknown EDNS version as RFC 6891 requires, with BADVERS and an OPT record of the highest version it supports ({detail}); resolvers cannot negotiate a future EDNS version with it.",
				"{subject} no responde a una consulta de una versión EDNS desconocida como exige el RFC 6891, con BADVERS y un registro OPT de la versión más alta que admite ({detail}); los resolutores no podrán negociar con él una futura versión de EDNS.",
				"{subject} não responde a uma consulta de uma versão EDNS desconhecida como exige a RFC 6891, com BADVERS e um registro OPT da versão mais alta que suporta ({detail}); os resolvedores não poderão negociar com ele uma futura versão de EDNS.",
				"{subject} ne répond pas à une requête d'une version EDNS inconnue comme l'exige la RFC 6891, par BADVERS et un enregistrement OPT de la plus haute version qu'il prend en charge ({detail}) ; les résolveurs ne pourront pas négocier avec lui une future version d'EDNS."),
			withUpgrade(check.Langs("+edns=1 +noednsneg: the answer must be status BADVERS with an OPT record of version 0.",
				"+edns=1 +noednsneg: la respuesta debe tener estado BADVERS y un registro OPT de versión 0.",
				"+edns=1 +noednsneg: a resposta deve ter status BADVERS e um registro OPT de versão 0.",
				"+edns=1 +noednsneg : la réponse doit avoir le statut BADVERS et un enregistrement OPT de version 0.")),
		),
	})
	nsEDNSOption = check.Register(check.Definition{
		ID:         "NS_EDNS_OPTION",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 6891 §6.1.2", "DNS Flag Day 2020"},
		Zonemaster: []string{"NAMESERVER11"},
		Details: map[string]check.Detail{
			"rcode": {
				Text: check.Langs("answered {rcode} to a query with the unknown EDNS option {option}, not {want}", "respondió {rcode} a una consulta con la opción EDNS desconocida {option}, no {want}",
					"respondeu {rcode} a uma consulta com a opção EDNS desconhecida {option}, não {want}", "a répondu {rcode} à une requête avec l'option EDNS inconnue {option}, et non {want}"),
				Example: check.Args{"rcode": "FORMERR", "option": "65001", "want": "NOERROR"},
			},
			"no_opt": {
				Text: check.Langs("answered without an OPT record a query with the unknown EDNS option {option}", "respondió sin registro OPT a una consulta con la opción EDNS desconocida {option}",
					"respondeu sem registro OPT a uma consulta com a opção EDNS desconhecida {option}", "a répondu sans enregistrement OPT à une requête avec l'option EDNS inconnue {option}"),
				Example: check.Args{"option": "65001"},
			},
			"echoed": {
				Text: check.Langs("echoed the unknown EDNS option {option} in its answer", "devolvió en su respuesta la opción EDNS desconocida {option}",
					"devolveu na resposta a opção EDNS desconhecida {option}", "a renvoyé dans sa réponse l'option EDNS inconnue {option}"),
				Example: check.Args{"option": "65001"},
			},
		},
		Text: texts(
			check.Langs("Unknown EDNS option mishandled", "Opción EDNS desconocida mal manejada", "Opção EDNS desconhecida mal tratada", "Option EDNS inconnue mal traitée"),
			check.Langs("{subject} does not ignore an EDNS option it does not know, as RFC 6891 requires ({detail}); resolvers that send new options (cookies, client subnet, padding) may get errors or give up on it.",
				"{subject} no ignora una opción EDNS que no conoce, como exige el RFC 6891 ({detail}); los resolutores que envían opciones nuevas (cookies, client subnet, padding) pueden recibir errores o dejar de consultarlo.",
				"{subject} não ignora uma opção EDNS que não conhece, como exige a RFC 6891 ({detail}); os resolvedores que enviam opções novas (cookies, client subnet, padding) podem receber erros ou deixar de consultá-lo.",
				"{subject} n'ignore pas une option EDNS qu'il ne connaît pas, comme l'exige la RFC 6891 ({detail}) ; les résolveurs qui envoient des options nouvelles (cookies, client subnet, padding) peuvent recevoir des erreurs ou renoncer à l'interroger."),
			withUpgrade(check.Langs("+ednsopt=65001: the answer must be NOERROR with an OPT record that does not carry option 65001.",
				"+ednsopt=65001: la respuesta debe ser NOERROR con un registro OPT que no lleve la opción 65001.",
				"+ednsopt=65001: a resposta deve ser NOERROR com um registro OPT que não traga a opção 65001.",
				"+ednsopt=65001 : la réponse doit être NOERROR avec un enregistrement OPT qui ne porte pas l'option 65001.")),
		),
	})
	nsEDNSFlags = check.Register(check.Definition{
		ID:         "NS_EDNS_FLAGS",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 6891 §6.1.4", "DNS Flag Day 2020"},
		Zonemaster: []string{"NAMESERVER12"},
		Details: map[string]check.Detail{
			"rcode": {
				Text: check.Langs("answered {rcode} to a query with an unknown EDNS flag ({flags}), not {want}", "respondió {rcode} a una consulta con un indicador EDNS desconocido ({flags}), no {want}",
					"respondeu {rcode} a uma consulta com um sinalizador EDNS desconhecido ({flags}), não {want}", "a répondu {rcode} à une requête avec un drapeau EDNS inconnu ({flags}), et non {want}"),
				Example: check.Args{"rcode": "FORMERR", "flags": "0x0001", "want": "NOERROR"},
			},
			"no_opt": {
				Text: check.Langs("answered without an OPT record a query with an unknown EDNS flag ({flags})", "respondió sin registro OPT a una consulta con un indicador EDNS desconocido ({flags})",
					"respondeu sem registro OPT a uma consulta com um sinalizador EDNS desconhecido ({flags})", "a répondu sans enregistrement OPT à une requête avec un drapeau EDNS inconnu ({flags})"),
				Example: check.Args{"flags": "0x0001"},
			},
			"echoed": {
				Text: check.Langs("set the unknown EDNS flag bits {echoed} in its answer", "activó en su respuesta los bits de indicador EDNS desconocidos {echoed}",
					"ativou na resposta os bits de sinalizador EDNS desconhecidos {echoed}", "a positionné dans sa réponse les bits de drapeau EDNS inconnus {echoed}"),
				Example: check.Args{"echoed": "0x0001"},
			},
		},
		Text: texts(
			check.Langs("Unknown EDNS flags mishandled", "Indicadores EDNS desconocidos mal manejados", "Sinalizadores EDNS desconhecidos mal tratados", "Drapeaux EDNS inconnus mal traités"),
			check.Langs("{subject} does not ignore unknown EDNS header flags (the Z bits), which RFC 6891 says a server must ignore and leave clear in its answers ({detail}); a flag defined later would break resolution through it.",
				"{subject} no ignora los indicadores desconocidos de la cabecera EDNS (los bits Z), que según el RFC 6891 un servidor debe ignorar y dejar en cero en sus respuestas ({detail}); un indicador definido en el futuro rompería la resolución a través de él.",
				"{subject} não ignora os sinalizadores desconhecidos do cabeçalho EDNS (os bits Z), que segundo a RFC 6891 um servidor deve ignorar e deixar zerados nas respostas ({detail}); um sinalizador definido no futuro quebraria a resolução por meio dele.",
				"{subject} n'ignore pas les drapeaux inconnus de l'en-tête EDNS (les bits Z), qu'un serveur doit selon la RFC 6891 ignorer et laisser à zéro dans ses réponses ({detail}) ; un drapeau défini plus tard casserait la résolution par lui."),
			withUpgrade(check.Langs("+ednsflags=0x0001: the answer must be NOERROR with an OPT record whose flags show no MBZ bits.",
				"+ednsflags=0x0001: la respuesta debe ser NOERROR con un registro OPT sin bits MBZ en sus indicadores.",
				"+ednsflags=0x0001: a resposta deve ser NOERROR com um registro OPT sem bits MBZ nos sinalizadores.",
				"+ednsflags=0x0001 : la réponse doit être NOERROR avec un enregistrement OPT sans bits MBZ dans ses drapeaux.")),
		),
	})
	nsEDNSTruncation = check.Register(check.Definition{
		ID:         "NS_EDNS_TRUNCATION",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 6891 §7", "RFC 6891 §6.2.5"},
		Zonemaster: []string{"NAMESERVER13"},
		Details: map[string]check.Detail{"no_opt": {
			Text: check.Langs("a truncated answer (TC) to an EDNS query for the zone's {qtype} with a {size}-byte buffer has no OPT record",
				"una respuesta truncada (TC) a una consulta EDNS por el {qtype} de la zona con un búfer de {size} bytes no tiene registro OPT",
				"uma resposta truncada (TC) a uma consulta EDNS pelo {qtype} da zona com um buffer de {size} bytes não tem registro OPT",
				"une réponse tronquée (TC) à une requête EDNS pour le {qtype} de la zone avec un tampon de {size} octets n'a pas d'enregistrement OPT"),
			Example: check.Args{"qtype": "DNSKEY", "size": "512"},
		}},
		Text: texts(
			check.Langs("Truncated EDNS answer without its OPT record", "Respuesta EDNS truncada sin su registro OPT", "Resposta EDNS truncada sem seu registro OPT", "Réponse EDNS tronquée sans son enregistrement OPT"),
			check.Langs("{subject} drops the OPT record when it truncates an answer to an EDNS query ({detail}); RFC 6891 requires it in every answer to an EDNS query, and without it a resolver may take the server for one without EDNS and stop sending it.",
				"{subject} elimina el registro OPT cuando trunca una respuesta a una consulta EDNS ({detail}); el RFC 6891 lo exige en toda respuesta a una consulta EDNS, y sin él un resolutor puede tomar al servidor por uno sin EDNS y dejar de enviárselo.",
				"{subject} remove o registro OPT quando trunca uma resposta a uma consulta EDNS ({detail}); a RFC 6891 o exige em toda resposta a uma consulta EDNS, e sem ele um resolvedor pode tomar o servidor por um sem EDNS e deixar de enviá-lo.",
				"{subject} supprime l'enregistrement OPT quand il tronque une réponse à une requête EDNS ({detail}) ; la RFC 6891 l'exige dans toute réponse à une requête EDNS, et sans lui un résolveur peut prendre le serveur pour un serveur sans EDNS et cesser de l'envoyer."),
			withUpgrade(check.Langs("+dnssec +bufsize=512 +ignore DNSKEY: a truncated answer (flag tc) must still show an OPT PSEUDOSECTION.",
				"+dnssec +bufsize=512 +ignore DNSKEY: una respuesta truncada (indicador tc) debe seguir mostrando un OPT PSEUDOSECTION.",
				"+dnssec +bufsize=512 +ignore DNSKEY: uma resposta truncada (sinalizador tc) ainda deve mostrar um OPT PSEUDOSECTION.",
				"+dnssec +bufsize=512 +ignore DNSKEY : une réponse tronquée (drapeau tc) doit encore montrer un OPT PSEUDOSECTION.")),
		),
	})
	nsQNameCase = check.Register(check.Definition{
		ID:         "NS_QNAME_CASE",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 4343 §3", "RFC 1034 §3.1"},
		Zonemaster: []string{"NAMESERVER08", "NAMESERVER09"},
		Details: map[string]check.Detail{
			"not_preserved": {
				Text: check.Langs("asked {asked} SOA, the answer's question reads {answered}", "preguntó {asked} SOA, la pregunta de la respuesta dice {answered}",
					"perguntou {asked} SOA, a pergunta da resposta diz {answered}", "requête {asked} SOA, la question de la réponse indique {answered}"),
				Example: check.Args{"asked": "ExAmPlE.OrG.", "answered": "example.org."},
			},
			"rcode": {
				Text: check.Langs("answered {rcode} to {asked} SOA, {want} to the zone's name as written", "respondió {rcode} a {asked} SOA y {want} al nombre de la zona tal como se escribe",
					"respondeu {rcode} a {asked} SOA e {want} ao nome da zona como se escreve", "a répondu {rcode} à {asked} SOA et {want} au nom de la zone tel qu'il s'écrit"),
				Example: check.Args{"asked": "ExAmPlE.OrG.", "rcode": "NXDOMAIN", "want": "NOERROR"},
			},
			"no_soa": {
				Text: check.Langs("no SOA in the answer to {asked} SOA, where the zone's name as written gets it", "sin SOA en la respuesta a {asked} SOA, que el nombre de la zona tal como se escribe sí obtiene",
					"sem SOA na resposta a {asked} SOA, que o nome da zona como se escreve obtém", "pas de SOA dans la réponse à {asked} SOA, que le nom de la zone tel qu'il s'écrit obtient"),
				Example: check.Args{"asked": "ExAmPlE.OrG."},
			},
			"no_response": {
				Text: check.Langs("no response to {asked} SOA, where the zone's name as written gets one", "sin respuesta a {asked} SOA, que el nombre de la zona tal como se escribe sí obtiene",
					"sem resposta a {asked} SOA, que o nome da zona como se escreve obtém", "aucune réponse à {asked} SOA, que le nom de la zone tel qu'il s'écrit obtient"),
				Example: check.Args{"asked": "ExAmPlE.OrG."},
			},
		},
		Text: texts(
			check.Langs("Letter case of the query name mishandled", "Mayúsculas y minúsculas del nombre consultado mal manejadas", "Maiúsculas e minúsculas do nome consultado mal tratadas", "Casse du nom demandé mal traitée"),
			check.Langs("{subject} treats the zone's name asked in mixed case differently from the same name in lower case ({detail}); DNS names are case-insensitive and a server must copy the question as asked (RFC 4343), which resolvers rely on for the 0x20 anti-spoofing defence.",
				"{subject} trata el nombre de la zona consultado con mayúsculas y minúsculas mezcladas de otro modo que el mismo nombre en minúsculas ({detail}); los nombres DNS no distinguen mayúsculas y un servidor debe copiar la pregunta tal como se hizo (RFC 4343), algo de lo que dependen los resolutores para la defensa 0x20 contra la suplantación.",
				"{subject} trata o nome da zona consultado com maiúsculas e minúsculas misturadas de forma diferente do mesmo nome em minúsculas ({detail}); nomes DNS não diferenciam maiúsculas e um servidor deve copiar a pergunta como foi feita (RFC 4343), do que os resolvedores dependem para a defesa 0x20 contra falsificação.",
				"{subject} traite le nom de la zone demandé en casse mélangée autrement que le même nom en minuscules ({detail}) ; les noms DNS sont insensibles à la casse et un serveur doit recopier la question telle qu'elle a été posée (RFC 4343), ce dont dépendent les résolveurs pour la défense 0x20 contre l'usurpation."),
			check.Langs("Upgrade or replace the DNS server software, or the load balancer or DNS firewall in front of it, that compares names byte for byte or rewrites the question: every maintained BIND, NSD, Knot DNS and PowerDNS release matches names without regard to case and copies the question as asked. Test with: dig @<address> <ZoNe> SOA, which must answer as for the zone's name in lower case, with the question in the case asked.",
				"Actualice o reemplace el software del servidor DNS, o el balanceador o firewall DNS que tenga delante, que compara los nombres byte a byte o reescribe la pregunta: toda versión mantenida de BIND, NSD, Knot DNS y PowerDNS compara los nombres sin distinguir mayúsculas y copia la pregunta tal como se hizo. Pruebe con: dig @<dirección> <ZoNa> SOA, que debe responder como para el nombre de la zona en minúsculas, con la pregunta tal como se escribió.",
				"Atualize ou substitua o software do servidor DNS, ou o balanceador ou firewall DNS à frente dele, que compara nomes byte a byte ou reescreve a pergunta: toda versão mantida do BIND, NSD, Knot DNS e PowerDNS compara nomes sem diferenciar maiúsculas e copia a pergunta como foi feita. Teste com: dig @<endereço> <ZoNa> SOA, que deve responder como para o nome da zona em minúsculas, com a pergunta como foi escrita.",
				"Mettez à jour ou remplacez le logiciel du serveur DNS, ou le répartiteur ou pare-feu DNS placé devant lui, qui compare les noms octet par octet ou réécrit la question : toute version maintenue de BIND, NSD, Knot DNS et PowerDNS compare les noms sans tenir compte de la casse et recopie la question telle quelle. Testez avec : dig @<adresse> <ZoNe> SOA, qui doit répondre comme pour le nom de la zone en minuscules, avec la question dans la casse demandée."),
		),
	})
	nsVersionDisclosed = check.Register(check.Definition{
		ID:         "NS_VERSION_DISCLOSED",
		Category:   check.Nameserver,
		Severity:   check.Notice,
		References: []string{"RFC 4892 §2", "RFC 4892 §5"},
		Zonemaster: []string{"NAMESERVER15"},
		Details: map[string]check.Detail{"version": {
			Text:    check.Langs(`{query} CH TXT answers "{text}"`, `{query} CH TXT responde "{text}"`, `{query} CH TXT responde "{text}"`, `{query} CH TXT répond « {text} »`),
			Example: check.Args{"query": "version.bind", "text": "9.18.24-1-Debian"},
		}},
		Text: texts(
			check.Langs("Software version disclosed", "Versión del software revelada", "Versão do software revelada", "Version du logiciel divulguée"),
			check.Langs("{subject} tells anyone who asks which software version it runs ({detail}), which makes it easy to find servers with a known vulnerability.",
				"{subject} le dice a quien lo pregunte qué versión de software ejecuta ({detail}), lo que facilita encontrar servidores con una vulnerabilidad conocida.",
				"{subject} informa a quem perguntar qual versão de software executa ({detail}), o que facilita encontrar servidores com uma vulnerabilidade conhecida.",
				"{subject} indique à qui le demande quelle version de logiciel il exécute ({detail}), ce qui facilite la recherche de serveurs ayant une vulnérabilité connue."),
			check.Langs(`Hide or replace the version string: BIND: version "none"; (or version none; in options); NSD: hide-version: yes; Knot DNS: server.version with an empty or chosen value; PowerDNS: version-string=anonymous. Keep the software up to date all the same: hiding the version does not remove a vulnerability.`,
				`Oculte o reemplace la cadena de versión: BIND: version "none"; (o version none; en options); NSD: hide-version: yes; Knot DNS: server.version con un valor vacío o elegido; PowerDNS: version-string=anonymous. Mantenga igualmente el software actualizado: ocultar la versión no elimina una vulnerabilidad.`,
				`Oculte ou substitua a cadeia de versão: BIND: version "none"; (ou version none; em options); NSD: hide-version: yes; Knot DNS: server.version com um valor vazio ou escolhido; PowerDNS: version-string=anonymous. Mantenha o software atualizado mesmo assim: ocultar a versão não elimina uma vulnerabilidade.`,
				`Masquez ou remplacez la chaîne de version : BIND : version "none"; (ou version none; dans options) ; NSD : hide-version: yes ; Knot DNS : server.version avec une valeur vide ou choisie ; PowerDNS : version-string=anonymous. Tenez malgré tout le logiciel à jour : masquer la version ne supprime pas une vulnérabilité.`),
		),
	})
	nsAAAABroken = check.Register(check.Definition{
		ID:         "NS_AAAA_BROKEN",
		Category:   check.Nameserver,
		Severity:   check.Error,
		References: []string{"RFC 4074 §3", "RFC 3596 §2"},
		Zonemaster: []string{"NAMESERVER05"},
		Details: map[string]check.Detail{
			"no_response": {
				Text: check.Langs("no response to an AAAA query for {name}", "sin respuesta a una consulta AAAA por {name}",
					"sem resposta a uma consulta AAAA por {name}", "aucune réponse à une requête AAAA pour {name}"),
				Example: check.Args{"name": "example.org."},
			},
			"rcode": {
				Text: check.Langs("answered {rcode} to an AAAA query for {name}, {want} to its SOA", "respondió {rcode} a una consulta AAAA por {name} y {want} a su SOA",
					"respondeu {rcode} a uma consulta AAAA por {name} e {want} ao seu SOA", "a répondu {rcode} à une requête AAAA pour {name} et {want} à son SOA"),
				Example: check.Args{"name": "example.org.", "rcode": "NOTIMP", "want": "NOERROR"},
			},
			"malformed": {
				Text: check.Langs("an unusable response to an AAAA query for {name}", "una respuesta inutilizable a una consulta AAAA por {name}",
					"uma resposta inutilizável a uma consulta AAAA por {name}", "une réponse inexploitable à une requête AAAA pour {name}"),
				Example: check.Args{"name": "example.org."},
			},
		},
		Text: texts(
			check.Langs("AAAA queries mishandled", "Consultas AAAA mal manejadas", "Consultas AAAA mal tratadas", "Requêtes AAAA mal traitées"),
			check.Langs("{subject} answers the zone's SOA but not an AAAA query for the same name as it should, NOERROR with or without addresses ({detail}); resolvers asking for IPv6 addresses wait, retry or fail, which delays or breaks every name of the zone for IPv6-capable clients.",
				"{subject} responde al SOA de la zona pero no a una consulta AAAA por el mismo nombre como debería, NOERROR con o sin direcciones ({detail}); los resolutores que piden direcciones IPv6 esperan, reintentan o fallan, lo que retrasa o rompe cada nombre de la zona para los clientes con IPv6.",
				"{subject} responde ao SOA da zona, mas não a uma consulta AAAA pelo mesmo nome como deveria, NOERROR com ou sem endereços ({detail}); os resolvedores que pedem endereços IPv6 esperam, tentam de novo ou falham, o que atrasa ou quebra cada nome da zona para clientes com IPv6.",
				"{subject} répond au SOA de la zone mais pas à une requête AAAA pour le même nom comme il le devrait, NOERROR avec ou sans adresses ({detail}) ; les résolveurs qui demandent des adresses IPv6 attendent, réessaient ou échouent, ce qui retarde ou casse chaque nom de la zone pour les clients IPv6."),
			check.Langs("Find what drops or rejects AAAA queries: usually a load balancer, DNS firewall or old appliance in front of the server (RFC 4074 lists the known misbehaviours), sometimes a server without the record type enabled. Let AAAA queries through unchanged, or upgrade the device. Test with: dig @<address> <zone> AAAA, which must answer NOERROR like dig @<address> <zone> SOA.",
				"Busque qué descarta o rechaza las consultas AAAA: por lo general un balanceador, firewall DNS o equipo antiguo delante del servidor (el RFC 4074 enumera los comportamientos erróneos conocidos), a veces un servidor sin el tipo de registro habilitado. Deje pasar las consultas AAAA sin cambios, o actualice el equipo. Pruebe con: dig @<dirección> <zona> AAAA, que debe responder NOERROR como dig @<dirección> <zona> SOA.",
				"Descubra o que descarta ou rejeita as consultas AAAA: em geral um balanceador, firewall DNS ou equipamento antigo à frente do servidor (a RFC 4074 lista os comportamentos errados conhecidos), às vezes um servidor sem o tipo de registro habilitado. Deixe as consultas AAAA passarem sem mudanças, ou atualize o equipamento. Teste com: dig @<endereço> <zona> AAAA, que deve responder NOERROR como dig @<endereço> <zona> SOA.",
				"Trouvez ce qui rejette ou ignore les requêtes AAAA : en général un répartiteur de charge, un pare-feu DNS ou un ancien équipement devant le serveur (la RFC 4074 recense les comportements fautifs connus), parfois un serveur sans ce type d'enregistrement activé. Laissez passer les requêtes AAAA telles quelles, ou mettez l'équipement à jour. Testez avec : dig @<adresse> <zone> AAAA, qui doit répondre NOERROR comme dig @<adresse> <zone> SOA."),
		),
	})
	nsWrongSource = check.Register(check.Definition{
		ID:         "NS_WRONG_SOURCE",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 5452 §4.1", "RFC 1123 §6.1.3.5"},
		Zonemaster: []string{"NAMESERVER04"},
		Details: map[string]check.Detail{"source": {
			Text: check.Langs("asked at {asked}, answered from {from}", "consultado en {asked}, respondió desde {from}",
				"consultado em {asked}, respondeu de {from}", "interrogé sur {asked}, a répondu depuis {from}"),
			Example: check.Args{"asked": "192.0.2.1", "from": "192.0.2.77"},
		}},
		Text: texts(
			check.Langs("Answers come from another address", "Las respuestas llegan desde otra dirección", "As respostas vêm de outro endereço", "Les réponses viennent d'une autre adresse"),
			check.Langs("{subject} answers UDP queries from another address than the one they were sent to ({detail}); resolvers discard such answers as possible spoofing (RFC 5452), so over UDP the address looks silent.",
				"{subject} responde las consultas UDP desde otra dirección que aquella a la que se enviaron ({detail}); los resolutores descartan esas respuestas como posible suplantación (RFC 5452), así que por UDP la dirección parece muda.",
				"{subject} responde às consultas UDP a partir de outro endereço que não aquele para o qual foram enviadas ({detail}); os resolvedores descartam essas respostas como possível falsificação (RFC 5452), então por UDP o endereço parece mudo.",
				"{subject} répond aux requêtes UDP depuis une autre adresse que celle à laquelle elles ont été envoyées ({detail}) ; les résolveurs rejettent ces réponses comme une possible usurpation (RFC 5452), si bien qu'en UDP l'adresse semble muette."),
			check.Langs("Make the server bind to each service address explicitly instead of the wildcard address, so that it answers from the address asked (BIND: listen-on and listen-on-v6 with the addresses; NSD: ip-address: for each one, or ip-transparent and reuseport as needed; Knot DNS: server.listen with each address), and check that no NAT or load balancer rewrites the source of the answers. Test with a resolver that checks sources, or: dig @<address> <zone> SOA, which reports \"reply from unexpected source\" in this case.",
				"Haga que el servidor escuche explícitamente en cada dirección de servicio en lugar de la dirección comodín, para que responda desde la dirección consultada (BIND: listen-on y listen-on-v6 con las direcciones; NSD: ip-address: para cada una, o ip-transparent y reuseport según haga falta; Knot DNS: server.listen con cada dirección), y verifique que ningún NAT o balanceador reescriba el origen de las respuestas. Pruebe con un resolutor que verifique los orígenes, o con: dig @<dirección> <zona> SOA, que en este caso informa \"reply from unexpected source\".",
				"Faça o servidor escutar explicitamente em cada endereço de serviço em vez do endereço curinga, para que responda a partir do endereço consultado (BIND: listen-on e listen-on-v6 com os endereços; NSD: ip-address: para cada um, ou ip-transparent e reuseport conforme necessário; Knot DNS: server.listen com cada endereço), e verifique que nenhum NAT ou balanceador reescreva a origem das respostas. Teste com um resolvedor que verifique as origens, ou com: dig @<endereço> <zona> SOA, que neste caso informa \"reply from unexpected source\".",
				"Faites écouter le serveur explicitement sur chaque adresse de service plutôt que sur l'adresse générique, pour qu'il réponde depuis l'adresse interrogée (BIND : listen-on et listen-on-v6 avec les adresses ; NSD : ip-address: pour chacune, ou ip-transparent et reuseport au besoin ; Knot DNS : server.listen avec chaque adresse), et vérifiez qu'aucun NAT ni répartiteur ne réécrit la source des réponses. Testez avec un résolveur qui vérifie les sources, ou avec : dig @<adresse> <zone> SOA, qui signale alors \"reply from unexpected source\"."),
		),
	})
	nsUpwardReferral = check.Register(check.Definition{
		ID:         "NS_UPWARD_REFERRAL",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.3.1", "DNS-OARC: Upward referrals considered harmful"},
		Zonemaster: []string{"NAMESERVER07"},
		Details: map[string]check.Detail{"root": {
			Text: check.Langs("asked for {name} NS, a name outside its zones, it referred to {referral}", "consultado por {name} NS, un nombre fuera de sus zonas, remitió a {referral}",
				"consultado por {name} NS, um nome fora das suas zonas, encaminhou para {referral}", "interrogé sur {name} NS, un nom hors de ses zones, il a renvoyé vers {referral}"),
			Example: check.Args{"name": ".", "referral": "."},
		}},
		Text: texts(
			check.Langs("Upward referral for names outside its zones", "Remisión hacia arriba para nombres fuera de sus zonas", "Encaminhamento para cima para nomes fora das suas zonas", "Renvoi vers le haut pour les noms hors de ses zones"),
			check.Langs("{subject} answers queries for names it does not serve with a referral to the root or another zone above the name ({detail}) instead of refusing them; such answers can be used to amplify attacks and send resolvers back up the tree.",
				"{subject} responde las consultas por nombres que no sirve con una remisión a la raíz o a otra zona por encima del nombre ({detail}) en lugar de rechazarlas; esas respuestas pueden usarse para amplificar ataques y devuelven a los resolutores hacia arriba en el árbol.",
				"{subject} responde às consultas por nomes que não serve com um encaminhamento para a raiz ou para outra zona acima do nome ({detail}) em vez de recusá-las; essas respostas podem ser usadas para amplificar ataques e mandam os resolvedores de volta para cima na árvore.",
				"{subject} répond aux requêtes pour des noms qu'il ne sert pas par un renvoi vers la racine ou une autre zone au-dessus du nom ({detail}) au lieu de les refuser ; ces réponses peuvent servir à amplifier des attaques et renvoient les résolveurs vers le haut de l'arbre."),
			check.Langs("Make the server refuse queries outside its zones: BIND: recursion no; with no root hints zone served to clients (additional-from-cache no; on old releases, minimal-responses yes); NSD and Knot DNS refuse them by default (check that no root or hint zone is loaded); Windows DNS: disable recursion and remove the root hints. Test with: dig @<address> . NS +norecurse, which must answer REFUSED (or an authoritative answer only on a root server).",
				"Haga que el servidor rechace las consultas fuera de sus zonas: BIND: recursion no; sin servir a los clientes una zona de pistas de la raíz (additional-from-cache no; en versiones antiguas, minimal-responses yes); NSD y Knot DNS las rechazan por defecto (verifique que no esté cargada una zona raíz o de pistas); Windows DNS: desactive la recursión y elimine las pistas de la raíz. Pruebe con: dig @<dirección> . NS +norecurse, que debe responder REFUSED (o con autoridad solo en un servidor raíz).",
				"Faça o servidor recusar consultas fora das suas zonas: BIND: recursion no; sem servir aos clientes uma zona de dicas da raiz (additional-from-cache no; em versões antigas, minimal-responses yes); NSD e Knot DNS as recusam por padrão (verifique que nenhuma zona raiz ou de dicas está carregada); Windows DNS: desative a recursão e remova as dicas da raiz. Teste com: dig @<endereço> . NS +norecurse, que deve responder REFUSED (ou com autoridade só em um servidor raiz).",
				"Faites refuser au serveur les requêtes hors de ses zones : BIND : recursion no; sans servir aux clients de zone d'indications de la racine (additional-from-cache no; sur les anciennes versions, minimal-responses yes) ; NSD et Knot DNS les refusent par défaut (vérifiez qu'aucune zone racine ou d'indications n'est chargée) ; Windows DNS : désactivez la récursion et supprimez les indications de racine. Testez avec : dig @<adresse> . NS +norecurse, qui doit répondre REFUSED (ou avec autorité seulement sur un serveur racine)."),
		),
	})
	nsNoSOA = check.Register(check.Definition{
		ID:         "NS_NO_SOA",
		Category:   check.Nameserver,
		Severity:   check.Error,
		References: []string{"RFC 1035 §3.3.13", "RFC 1034 §4.3.2"},
		Zonemaster: []string{"DELEGATION06"},
		Details: map[string]check.Detail{"no_soa": {
			Text: check.Langs("an authoritative answer (AA, NOERROR) to {zone} SOA without the SOA record", "una respuesta con autoridad (AA, NOERROR) a {zone} SOA sin el registro SOA",
				"uma resposta com autoridade (AA, NOERROR) a {zone} SOA sem o registro SOA", "une réponse faisant autorité (AA, NOERROR) à {zone} SOA sans l'enregistrement SOA"),
			Example: check.Args{"zone": "example.org."},
		}},
		Text: texts(
			check.Langs("Authoritative answer without the zone's SOA", "Respuesta con autoridad sin el SOA de la zona", "Resposta com autoridade sem o SOA da zona", "Réponse faisant autorité sans le SOA de la zone"),
			check.Langs("{subject} claims authority for the zone but does not give its SOA record ({detail}); every zone has exactly one SOA at its apex, and resolvers, secondaries and monitoring read it for the serial, the negative-caching TTL and the primary server.",
				"{subject} afirma tener autoridad sobre la zona pero no entrega su registro SOA ({detail}); toda zona tiene exactamente un SOA en su ápice, y los resolutores, los secundarios y el monitoreo lo leen para el serial, el TTL de caché negativa y el servidor primario.",
				"{subject} afirma ter autoridade sobre a zona, mas não entrega seu registro SOA ({detail}); toda zona tem exatamente um SOA no ápice, e resolvedores, secundários e monitoramento o leem para o serial, o TTL de cache negativo e o servidor primário.",
				"{subject} revendique l'autorité sur la zone mais ne donne pas son enregistrement SOA ({detail}) ; toute zone a exactement un SOA à son apex, et les résolveurs, les secondaires et la supervision le lisent pour le numéro de série, le TTL de cache négatif et le serveur primaire."),
			check.Langs("Check the zone as loaded on this server: it must have one SOA record at the apex (named-checkzone <zone> <file>; nsd-checkzone; kzonecheck). On a secondary, check that the transfer from the primary completes; behind a DNS load balancer or front-end, check that it passes SOA queries to the server. Then reload the zone and test with: dig @<address> <zone> SOA +norecurse, which must show the SOA in the answer section with the aa flag.",
				"Revise la zona tal como está cargada en este servidor: debe tener un registro SOA en el ápice (named-checkzone <zona> <archivo>; nsd-checkzone; kzonecheck). En un secundario, verifique que la transferencia desde el primario se complete; detrás de un balanceador o frontal DNS, verifique que deje pasar las consultas SOA al servidor. Luego recargue la zona y pruebe con: dig @<dirección> <zona> SOA +norecurse, que debe mostrar el SOA en la sección de respuesta con el indicador aa.",
				"Verifique a zona como está carregada neste servidor: ela deve ter um registro SOA no ápice (named-checkzone <zona> <arquivo>; nsd-checkzone; kzonecheck). Em um secundário, verifique se a transferência a partir do primário se completa; atrás de um balanceador ou front-end DNS, verifique se ele repassa as consultas SOA ao servidor. Depois recarregue a zona e teste com: dig @<endereço> <zona> SOA +norecurse, que deve mostrar o SOA na seção de resposta com o sinalizador aa.",
				"Vérifiez la zone telle qu'elle est chargée sur ce serveur : elle doit avoir un enregistrement SOA à l'apex (named-checkzone <zone> <fichier> ; nsd-checkzone ; kzonecheck). Sur un secondaire, vérifiez que le transfert depuis le primaire aboutit ; derrière un répartiteur ou un frontal DNS, vérifiez qu'il transmet les requêtes SOA au serveur. Rechargez ensuite la zone et testez avec : dig @<adresse> <zone> SOA +norecurse, qui doit montrer le SOA dans la section réponse avec le drapeau aa."),
		),
	})
)
